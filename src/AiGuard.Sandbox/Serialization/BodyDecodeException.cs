namespace AiGuard.Sandbox.Serialization;

/// <summary>A request body the decoders refuse (too deep, excessive aliasing, a non-scalar key): always the client's fault.</summary>
internal sealed class BodyDecodeException(string message) : Exception(message);
