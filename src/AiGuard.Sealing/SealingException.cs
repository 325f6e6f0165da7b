namespace AiGuard.Sealing;

/// <summary>
/// SealingException is the only exception the sealing library throws for bad input, keys or envelopes.
/// Its message names what failed and how to fix it; it never contains a secret value or key material, so it is
/// safe to put into a status condition, an event or a log line.
/// </summary>
public sealed class SealingException : Exception
{
    /// <summary>Creates an exception with a reason, a message free of secrets, and the key id when known.</summary>
    public SealingException(SealingFailure reason, string message, string? keyId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        KeyId = keyId;
    }

    /// <summary>Why sealing or unsealing failed.</summary>
    public SealingFailure Reason { get; }

    /// <summary>Id of the key named by the envelope or certificate (e.g. <c>k-3f2a9c1e</c>), when it was read.</summary>
    public string? KeyId { get; }
}
