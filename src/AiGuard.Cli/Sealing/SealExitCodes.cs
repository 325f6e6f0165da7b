namespace AiGuard.Cli.Sealing;

/// <summary>SealExitCodes are the exit codes of <c>aiguard seal</c>.</summary>
public static class SealExitCodes
{
    /// <summary>The values were sealed (and merged, with --merge-into).</summary>
    public const int Sealed = 0;

    /// <summary>The certificate could not be fetched (cluster or URL unreachable, not published yet).</summary>
    public const int CertificateUnavailable = 1;

    /// <summary>Usage or input error: bad options, unreadable files, an unusable or expired certificate, a manifest that cannot be merged.</summary>
    public const int InputError = 2;
}
