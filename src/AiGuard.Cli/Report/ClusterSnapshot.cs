using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Inventory;

namespace AiGuard.Cli.Report;

/// <summary>ClusterSnapshot is everything the report read from the cluster, before any counting.</summary>
/// <param name="Namespace">The namespace read, or null for all.</param>
/// <param name="Models">The ModelDeployments.</param>
/// <param name="Exceptions">The GuardExceptions.</param>
/// <param name="Unmanaged">The workloads <see cref="InferenceWorkloadDetector"/> reported; only these are kept of the workloads read.</param>
public sealed record ClusterSnapshot(string? Namespace, IReadOnlyList<ModelDeployment> Models, IReadOnlyList<GuardException> Exceptions, IReadOnlyList<UnmanagedWorkload> Unmanaged);
