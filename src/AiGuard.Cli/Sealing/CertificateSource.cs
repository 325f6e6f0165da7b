namespace AiGuard.Cli.Sealing;

/// <summary>CertificateSource says where the sealing certificate comes from: a file, a URL, or the cluster.</summary>
/// <param name="PathOrUrl">--cert PATH|URL; null with --fetch-cert.</param>
/// <param name="Kubeconfig">--kubeconfig with --fetch-cert; null for the default (KUBECONFIG, ~/.kube/config, in-cluster).</param>
/// <param name="OperatorNamespace">--operator-namespace with --fetch-cert.</param>
public sealed record CertificateSource(string? PathOrUrl, string? Kubeconfig, string OperatorNamespace)
{
    /// <summary>True when the certificate is read from the cluster's ConfigMap.</summary>
    public bool FromCluster => PathOrUrl is null;

    /// <summary>True when <see cref="PathOrUrl"/> is an http(s) URL.</summary>
    public bool IsUrl => PathOrUrl is { } value
        && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for an <c>http://</c> URL: fetched without TLS, so anyone on the path could swap the certificate.</summary>
    public bool IsPlainHttp => PathOrUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>How the source is named in messages.</summary>
    public string Describe() => PathOrUrl ?? $"ConfigMap {OperatorNamespace}/aiguard-sealing-cert";
}
