namespace AiGuard.Api;

/// <summary>ApiGroup names the API group, version and the well-known labels and annotations of AiGuard.</summary>
public static class ApiGroup
{
    public const string Group = "aiguard.io";
    public const string Version = "v1alpha1";
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>The field manager the operator uses for every server-side apply.</summary>
    public const string FieldManager = "aiguard-operator";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "aiguard-operator";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ModelDeploymentLabel = "aiguard.io/model-deployment";

    /// <summary>Same-namespace pods carrying this label with the model's name may call it when no ingress is declared.</summary>
    public const string ClientOfLabel = "aiguard.io/client-of";

    /// <summary>Setting this annotation (any non-empty reason) on a ModelDeployment isolates it at once.</summary>
    public const string QuarantineAnnotation = "aiguard.io/quarantine";

    /// <summary>Label on the operator's sealing key Secrets.</summary>
    public const string SealingKeyLabel = "aiguard.io/sealing-key";
}
