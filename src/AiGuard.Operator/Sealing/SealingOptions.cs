using AiGuard.Sealing;

namespace AiGuard.Operator.Sealing;

/// <summary>SealingOptions configure the operator's sealing key ring.</summary>
public sealed record SealingOptions
{
    /// <summary>Namespace used when the operator does not run in a pod: <c>aiguard-system</c>.</summary>
    public const string DefaultOperatorNamespace = "aiguard-system";

    /// <summary>
    /// The operator's namespace (<c>--operator-namespace</c>): where the key Secrets and the certificate ConfigMap
    /// live. Only used outside a cluster: in a pod, the pod's own namespace (from the service account mount) wins,
    /// see <see cref="OperatorNamespace.Resolve"/>. Default <see cref="DefaultOperatorNamespace"/>.
    /// </summary>
    public string OperatorNamespace { get; init; } = DefaultOperatorNamespace;

    /// <summary>
    /// The file the pod's namespace is mounted at (<see cref="OperatorNamespace.ServiceAccountNamespaceFile"/>);
    /// when it exists it overrides <see cref="OperatorNamespace"/>. Null ignores the mount (tests, local runs).
    /// </summary>
    public string? ServiceAccountNamespaceFile { get; init; } = global::AiGuard.Operator.Sealing.OperatorNamespace.ServiceAccountNamespaceFile;

    /// <summary>
    /// Age of the active key after which the leader adds a new one (old keys are kept for opening old values).
    /// Default 30 days (<see cref="KeyRing.DefaultRenewalInterval"/>).
    /// </summary>
    public TimeSpan RenewalInterval { get; init; } = KeyRing.DefaultRenewalInterval;

    /// <summary>Subject and validity of generated certificates; default CN=aiguard-sealing, valid 730 days.</summary>
    public SealingKeyOptions KeyOptions { get; init; } = new();
}
