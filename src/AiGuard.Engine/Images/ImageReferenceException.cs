namespace AiGuard.Engine.Images;

/// <summary>ImageReferenceException says why a string is not a valid container image reference.</summary>
public sealed class ImageReferenceException : FormatException
{
    public ImageReferenceException()
    {
    }

    public ImageReferenceException(string message)
        : base(message)
    {
    }

    public ImageReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
