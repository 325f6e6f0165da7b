using System.Net;
using AiGuard.Cli.Cluster;
using AiGuard.Operator.Sealing;
using k8s;
using k8s.Autorest;

namespace AiGuard.Cli.Sealing;

/// <summary>
/// CertificateFetcher reads the sealing certificate PEM from a file, from the operator's <c>GET /v1/cert.pem</c>, or
/// from the ConfigMap <c>aiguard-sealing-cert</c> in the operator's namespace. The certificate is public, so it is
/// not authenticated beyond the channel (TLS to the cluster or the URL).
/// </summary>
public static class CertificateFetcher
{
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Loads the PEM text.</summary>
    /// <exception cref="SealException">Unreadable file or kubeconfig (exit 2); unreachable URL or cluster, or no certificate published (exit 1).</exception>
    public static async Task<string> LoadAsync(CertificateSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.FromCluster)
        {
            return await FromClusterAsync(source, cancellationToken).ConfigureAwait(false);
        }

        return source.IsUrl
            ? await FromUrlAsync(source.PathOrUrl!, cancellationToken).ConfigureAwait(false)
            : FromFile(source.PathOrUrl!);
    }

    private static string FromFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw SealException.Input($"--cert {path}: cannot read the certificate file: {e.Message}");
        }
    }

    private static async Task<string> FromUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw SealException.Input($"--cert {url}: not a valid URL");
        }

        // A bare operator address means its certificate endpoint.
        if (uri.AbsolutePath is "" or "/")
        {
            uri = new Uri(uri, SealingCertificateEndpoint.Path);
        }

        using var http = new HttpClient { Timeout = HttpTimeout };
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw SealException.Unavailable($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {FirstLine(body)}");
            }

            return body;
        }
        catch (HttpRequestException e)
        {
            throw SealException.Unavailable($"GET {uri} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw SealException.Unavailable($"GET {uri} timed out after {HttpTimeout.TotalSeconds:0} s", e);
        }
    }

    private static async Task<string> FromClusterAsync(CertificateSource source, CancellationToken cancellationToken)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubeconfigLoader.Load(source.Kubeconfig);
        }
        catch (KubeconfigException e)
        {
            throw SealException.Input(e.Message);
        }

        using var client = new Kubernetes(config);
        var where = $"ConfigMap {source.OperatorNamespace}/{SealingKeyStore.CertificateConfigMapName}";
        try
        {
            var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync(
                SealingKeyStore.CertificateConfigMapName, source.OperatorNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (configMap.Data is null || !configMap.Data.TryGetValue(SealingKeyStore.CertificateConfigMapKey, out var pem) || string.IsNullOrWhiteSpace(pem))
            {
                throw SealException.Unavailable($"{where} has no '{SealingKeyStore.CertificateConfigMapKey}' entry: the operator has not published its certificate");
            }

            return pem;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            throw SealException.Unavailable(
                $"{where} not found: is the operator installed and running (its leader publishes the certificate after creating the first key)? If it runs in another namespace, pass --operator-namespace", e);
        }
        catch (HttpOperationException e)
        {
            throw SealException.Unavailable($"reading {where} failed: {(int?)e.Response?.StatusCode} {FirstLine(e.Response?.Content)}", e);
        }
        catch (HttpRequestException e)
        {
            throw SealException.Unavailable($"reading {where} failed: cannot reach the cluster at {config.Host}: {e.Message}", e);
        }
    }

    private static string FirstLine(string? text)
    {
        var line = (text ?? "").Trim().Split('\n')[0].Trim();
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "...");
    }
}
