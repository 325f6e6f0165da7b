using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Report;

/// <summary>ClusterSnapshot is everything the report read from the cluster, before any counting.</summary>
/// <param name="Namespace">The namespace read, or null for all.</param>
/// <param name="Models">The ModelDeployments.</param>
/// <param name="Exceptions">The GuardExceptions.</param>
public sealed record ClusterSnapshot(string? Namespace, IReadOnlyList<ModelDeployment> Models, IReadOnlyList<GuardException> Exceptions);
