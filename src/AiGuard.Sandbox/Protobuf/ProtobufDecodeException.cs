namespace AiGuard.Sandbox.Protobuf;

/// <summary>A protobuf request body is malformed (truncated, a wrong wire type, invalid UTF-8, a bad envelope).</summary>
public class ProtobufDecodeException : Exception
{
    public ProtobufDecodeException()
    {
    }

    public ProtobufDecodeException(string message)
        : base(message)
    {
    }

    public ProtobufDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
