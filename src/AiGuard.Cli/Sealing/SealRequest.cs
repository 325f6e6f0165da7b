namespace AiGuard.Cli.Sealing;

/// <summary>SealRequest is a checked <c>aiguard seal</c> command line.</summary>
/// <param name="Namespace">--namespace.</param>
/// <param name="Model">--model (needed for strict scope and --merge-into).</param>
/// <param name="Secret">--secret: the <c>spec.secrets[].name</c> (needed unless --raw with --scope namespace).</param>
/// <param name="NamespaceWide">--scope namespace.</param>
/// <param name="Values">The values to seal, in command-line order, keys unique.</param>
/// <param name="Certificate">Where the sealing certificate comes from.</param>
/// <param name="MergeInto">--merge-into FILE.</param>
/// <param name="Raw">--raw: print only the sealed text of the single value.</param>
/// <param name="Expose">--expose File|Env, or null.</param>
/// <param name="MountPath">--mount-path, or null.</param>
/// <param name="KeyId">--key-id: the pinned key id (<c>k-</c> + 8 hex) or fingerprint (<c>sha256:</c> + 64 hex), lower case; or null.</param>
public sealed record SealRequest(
    string Namespace,
    string? Model,
    string? Secret,
    bool NamespaceWide,
    IReadOnlyList<SealValueSource> Values,
    CertificateSource Certificate,
    string? MergeInto,
    bool Raw,
    string? Expose,
    string? MountPath,
    string? KeyId = null);
