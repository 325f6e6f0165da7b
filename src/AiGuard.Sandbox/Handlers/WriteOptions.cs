namespace AiGuard.Sandbox.Handlers;

/// <summary>The query options of a write: field manager, dryRun=All, force (apply), fieldValidation.</summary>
internal sealed record WriteOptions(string FieldManager, bool DryRun = false, bool Force = false, string FieldValidation = "")
{
    public static WriteOptions System { get; } = new("sandbox");

    /// <summary>
    /// Admission run on the final object of a create or update (after defaults and validation, under the store
    /// lock, also on dry runs); it throws to refuse the write. RBAC's escalation check lives here. Null: none.
    /// </summary>
    public Action<Resources.ResourceType, System.Text.Json.Nodes.JsonObject>? Admission { get; init; }

    /// <summary>The real server names a manager after the User-Agent's product ("kubectl", "helm") when none is given.</summary>
    public static string ManagerFromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "unknown";
        }

        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var product = slash > 0 ? userAgent[..slash] : userAgent;
        return product.Length > 128 ? product[..128] : product;
    }
}

/// <summary>How a delete treats dependents: Background (default), Foreground (treated as Background) or Orphan.</summary>
internal sealed record DeleteOptions(string? PropagationPolicy = null, string? PreconditionUid = null, string? PreconditionResourceVersion = null)
{
    public static DeleteOptions Background { get; } = new();

    public bool Orphan => PropagationPolicy == "Orphan";
}
