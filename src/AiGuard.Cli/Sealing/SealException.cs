namespace AiGuard.Cli.Sealing;

/// <summary>
/// SealException stops <c>aiguard seal</c> with a message for the user and an exit code. Messages never contain a
/// value being sealed.
/// </summary>
public sealed class SealException(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The exit code to return (<see cref="SealExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A usage or input error (exit 2).</summary>
    public static SealException Input(string message, Exception? inner = null) => new(SealExitCodes.InputError, message, inner);

    /// <summary>The certificate could not be fetched (exit 1).</summary>
    public static SealException Unavailable(string message, Exception? inner = null) => new(SealExitCodes.CertificateUnavailable, message, inner);
}
