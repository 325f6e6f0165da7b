namespace AiGuard.Sealing;

/// <summary>SealingScopeMode says how much of a value's location is bound into its envelope.</summary>
public enum SealingScopeMode
{
    /// <summary><c>&lt;namespace&gt;/&lt;modeldeployment&gt;/&lt;secret&gt;</c>: opens only for that one secret (the default).</summary>
    Strict = 1,

    /// <summary><c>&lt;namespace&gt;</c>: opens for any ModelDeployment and secret name in the namespace.</summary>
    Namespace = 2,
}
