namespace AiGuard.Operator.Sealing;

/// <summary>
/// OperatorNamespace finds the namespace the operator keeps its own objects in: the pod's namespace when it runs in
/// a cluster (the service account mount says which), else the configured one, else <c>aiguard-system</c>.
/// </summary>
public static class OperatorNamespace
{
    /// <summary>Where Kubernetes mounts the pod's namespace name.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>Resolves the operator's namespace.</summary>
    /// <param name="configured">The <c>--operator-namespace</c> value, if any.</param>
    /// <param name="serviceAccountNamespaceFile">The mounted namespace file (tests point it elsewhere).</param>
    public static string Resolve(string? configured, string serviceAccountNamespaceFile = ServiceAccountNamespaceFile)
    {
        if (File.Exists(serviceAccountNamespaceFile))
        {
            var mounted = File.ReadAllText(serviceAccountNamespaceFile).Trim();
            if (mounted.Length > 0)
            {
                return mounted;
            }
        }

        return ResolveConfigured(configured);
    }

    /// <summary>The configured namespace, else <c>aiguard-system</c>, ignoring any service account mount.</summary>
    public static string ResolveConfigured(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? SealingOptions.DefaultOperatorNamespace : configured.Trim();
}
