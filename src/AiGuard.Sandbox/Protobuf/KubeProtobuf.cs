using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>
/// Reads Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>), which kubectl's
/// <c>create configmap|secret|namespace</c> generators and helm's release storage send unconditionally. The body
/// is the magic <c>6b 38 73 00</c> followed by a runtime.Unknown envelope; the object inside is decoded to the
/// same JSON the client would have sent as <c>application/json</c>.
/// </summary>
public static class KubeProtobuf
{
    /// <summary>The four bytes ("k8s\0") every Kubernetes protobuf body starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x6b, 0x38, 0x73, 0x00];

    /// <summary>
    /// Decodes a protobuf body into its JSON object (with <c>apiVersion</c> and <c>kind</c>). Throws
    /// <see cref="ProtobufDecodeException"/> on malformed input and <see cref="UnsupportedProtobufKindException"/>
    /// for a kind other than v1 Secret, ConfigMap, Namespace, DeleteOptions or the kinds of <see cref="AccessMessages"/>.
    /// </summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new ProtobufDecodeException("protobuf body does not start with the Kubernetes magic bytes 6b 38 73 00");
        }

        var envelope = Envelope.Read(body[Magic.Length..]);
        if (envelope.ContentEncoding.Length > 0)
        {
            throw new ProtobufDecodeException($"protobuf body uses content encoding \"{envelope.ContentEncoding}\", which the sandbox does not support");
        }

        var result = new JsonObject();
        ProtoFields.SetString(result, "apiVersion", envelope.ApiVersion);
        ProtoFields.SetString(result, "kind", envelope.Kind);
        var raw = envelope.Raw;
        var isCore = envelope.ApiVersion == "v1";
        switch (envelope.Kind)
        {
            case "Secret" when isCore:
                KubeObjectDecoders.Secret(raw, result);
                break;
            case "ConfigMap" when isCore:
                KubeObjectDecoders.ConfigMap(raw, result);
                break;
            case "Namespace" when isCore:
                KubeObjectDecoders.Namespace(raw, result);
                break;
            case "DeleteOptions" when isCore || envelope.ApiVersion is "meta.k8s.io/v1" or "":
                KubeObjectDecoders.DeleteOptions(raw, result);
                break;
            default:
                if (!AccessMessages.TryDecode(envelope.ApiVersion, envelope.Kind, raw, result))
                {
                    throw new UnsupportedProtobufKindException(envelope.ApiVersion, envelope.Kind);
                }

                break;
        }

        return result;
    }

    /// <summary>runtime.Unknown: 1 TypeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType.</summary>
    private readonly ref struct Envelope
    {
        private Envelope(string apiVersion, string kind, ReadOnlySpan<byte> raw, string contentEncoding)
        {
            ApiVersion = apiVersion;
            Kind = kind;
            Raw = raw;
            ContentEncoding = contentEncoding;
        }

        public string ApiVersion { get; }

        public string Kind { get; }

        public ReadOnlySpan<byte> Raw { get; }

        public string ContentEncoding { get; }

        public static Envelope Read(ReadOnlySpan<byte> bytes)
        {
            var reader = new ProtoReader(bytes, "runtime.Unknown");
            string apiVersion = string.Empty, kind = string.Empty, contentEncoding = string.Empty;
            var raw = ReadOnlySpan<byte>.Empty;
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1:
                        (apiVersion, kind) = TypeMeta(ProtoFields.Bytes(ref reader, field, wire));
                        break;
                    case 2:
                        raw = ProtoFields.Bytes(ref reader, field, wire);
                        break;
                    case 3:
                        contentEncoding = ProtoFields.String(ref reader, field, wire);
                        break;
                    default:
                        reader.Skip(wire); // 4 contentType: the body is protobuf by definition
                        break;
                }
            }

            if (kind.Length == 0)
            {
                throw new ProtobufDecodeException("protobuf envelope has no TypeMeta kind");
            }

            return new Envelope(apiVersion, kind, raw, contentEncoding);
        }

        private static (string ApiVersion, string Kind) TypeMeta(ReadOnlySpan<byte> bytes)
        {
            var reader = new ProtoReader(bytes, "runtime.TypeMeta");
            string apiVersion = string.Empty, kind = string.Empty;
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1:
                        apiVersion = ProtoFields.String(ref reader, field, wire);
                        break;
                    case 2:
                        kind = ProtoFields.String(ref reader, field, wire);
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            return (apiVersion, kind);
        }
    }
}
