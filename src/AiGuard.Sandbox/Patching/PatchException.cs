namespace AiGuard.Sandbox.Patching;

/// <summary>
/// A patch could not be applied: a malformed operation, a missing path or a failed json-patch <c>test</c>.
/// The message names the operation and path so it can be returned as the message of a 422 or 400 Status.
/// </summary>
public sealed class PatchException : Exception
{
    public PatchException()
    {
    }

    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
