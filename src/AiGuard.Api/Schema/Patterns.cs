namespace AiGuard.Api.Schema;

/// <summary>Patterns holds the regular expressions shared by the CRD schema and the engine's validation.</summary>
public static class Patterns
{
    public const string Sha256Hex = "^[a-f0-9]{64}$";
    public const string ControlId = "^AIG-[A-Z]+-[0-9]{2}$";

    /// <summary>An RFC 1123 DNS label (object names of ServiceAccounts, Secrets, Services are at most this strict).</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>An RFC 1123 DNS subdomain.</summary>
    public const string DnsSubdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A DNS label or <c>*</c>, as GuardException.spec.modelDeployments accepts.</summary>
    public const string DnsLabelOrWildcard = "^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$";

    /// <summary>A C identifier-like environment variable name.</summary>
    public const string EnvVarName = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>A Secret data key.</summary>
    public const string SecretKey = "^[-._a-zA-Z0-9]+$";

    /// <summary>
    /// An image repository without tag or digest, optionally with a registry (and port) first, e.g.
    /// <c>ghcr.io/acme/llm-server</c>, <c>vllm/vllm-openai</c>, <c>localhost:5000/models</c>. A port is only allowed
    /// before a path, so <c>nginx:1</c> (a tag) is rejected.
    /// </summary>
    public const string ImageRepository = "^[a-z0-9]+([._-][a-z0-9]+)*((:[0-9]{1,5})?(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)+)?$";

    /// <summary>An absolute path.</summary>
    public const string AbsolutePath = "^/.*$";
}
