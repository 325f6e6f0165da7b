namespace AiGuard.Sealing;

/// <summary>SealingKeyOptions shape the self-signed certificate of a new <see cref="SealingKeyPair"/>.</summary>
public sealed record SealingKeyOptions
{
    /// <summary>Common name of the certificate subject (default <c>aiguard-sealing</c>).</summary>
    public string CommonName { get; init; } = "aiguard-sealing";

    /// <summary>
    /// How long sealers accept the certificate (default 730 days). The validity bounds how long a copied
    /// certificate keeps sealing for an old key; it never limits unsealing, which works as long as the private
    /// key is kept. Two years outlives slow release cycles yet makes a forgotten certificate fail loudly.
    /// </summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(730);

    /// <summary>
    /// How far notBefore is back-dated (default 5 minutes), so a sealer whose clock runs a little behind the
    /// cluster can use a certificate the operator has just created.
    /// </summary>
    public TimeSpan ClockSkewAllowance { get; init; } = TimeSpan.FromMinutes(5);
}
