namespace AiGuard.Sandbox.Protobuf;

/// <summary>
/// A well-formed protobuf envelope carries a kind the sandbox cannot decode; the server answers 415 Unsupported
/// Media Type so the client can be pointed at JSON.
/// </summary>
public sealed class UnsupportedProtobufKindException : ProtobufDecodeException
{
    public UnsupportedProtobufKindException()
    {
    }

    public UnsupportedProtobufKindException(string message)
        : base(message)
    {
    }

    public UnsupportedProtobufKindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnsupportedProtobufKindException(string apiVersion, string kind)
        : base($"protobuf bodies of kind \"{kind}\" (apiVersion \"{apiVersion}\") are not supported by the sandbox; send JSON (Content-Type: application/json)")
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    /// <summary>The apiVersion from the envelope's TypeMeta.</summary>
    public string? ApiVersion { get; }

    /// <summary>The kind from the envelope's TypeMeta.</summary>
    public string? Kind { get; }
}
