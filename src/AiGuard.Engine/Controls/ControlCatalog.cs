namespace AiGuard.Engine.Controls;

/// <summary>
/// ControlCatalog lists every control in report order (network, secrets, privilege, image, pod, model, governance).
/// Each control's rule lives in its own class; this list is the only place that enumerates them.
/// </summary>
public static class ControlCatalog
{
    internal static IReadOnlyList<IControl> Controls { get; } =
    [
        new OpenIngressControl(),
        new EgressReachControl(),
        new ForeignNetworkPolicyControl(),
        new ExistingSecretControl(),
        new SecretInEnvControl(),
        new SealedDataOpensControl(),
        new UnneededTokenControl(),
        new ApiRuleScopeControl(),
        new ForeignBindingControl(),
        new AccessSubjectControl(),
        new ImageRegistryControl(),
        new ImagePinnedControl(),
        new ImagePatchLevelControl(),
        new PodHardeningControl(),
        new ModelPinnedControl(),
        new GovernanceControl(),
    ];

    private static readonly Dictionary<string, ControlDefinition> ById =
        Controls.ToDictionary(c => c.Definition.Id, c => c.Definition, StringComparer.Ordinal);

    /// <summary>Every control's definition, in report order.</summary>
    public static IReadOnlyList<ControlDefinition> All { get; } = Controls.Select(c => c.Definition).ToList();

    /// <summary>The areas (condition types) in report order, each once.</summary>
    public static IReadOnlyList<string> Areas { get; } = All.Select(c => c.Area).Distinct().ToList();

    /// <summary>The definition of <paramref name="id"/>, or null for an unknown id.</summary>
    public static ControlDefinition? Find(string? id) => id is not null && ById.TryGetValue(id, out var definition) ? definition : null;
}
