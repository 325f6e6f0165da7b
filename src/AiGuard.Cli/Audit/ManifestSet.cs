using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Cli.Audit;

/// <summary>ManifestSet is everything the loader found in the inputs, in input order.</summary>
public sealed record ManifestSet
{
    /// <summary>ModelDeployments still to evaluate: those read before the last policy, exception or namespace could appear.</summary>
    public IReadOnlyList<LoadedObject<ModelDeployment>> ModelDeployments { get; init; } = [];

    /// <summary>
    /// Results of the ModelDeployments evaluated while loading (when an evaluator was given), after all of
    /// <see cref="ModelDeployments"/> in input order.
    /// </summary>
    public IReadOnlyList<AuditResult> Settled { get; init; } = [];

    public IReadOnlyList<LoadedObject<GuardPolicy>> Policies { get; init; } = [];

    public IReadOnlyList<LoadedObject<GuardException>> Exceptions { get; init; } = [];

    /// <summary>Labels of the Namespaces in the inputs, by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public IReadOnlyList<SkippedDocument> Skipped { get; init; } = [];

    /// <summary>GuardPolicies and GuardExceptions of the audited inputs not applied because --policy was given.</summary>
    public IReadOnlyList<IgnoredDocument> Ignored { get; init; } = [];
}
