using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>Decoders for the object messages clients send as protobuf: v1 Secret, ConfigMap, Namespace and DeleteOptions.</summary>
internal static class KubeObjectDecoders
{
    public static void Secret(ReadOnlySpan<byte> bytes, JsonObject target)
    {
        var reader = new ProtoReader(bytes, "v1.Secret");
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    target["metadata"] = ObjectMetaDecoder.Decode(ProtoFields.Bytes(ref reader, field, wire));
                    break;
                case 2:
                    ProtoFields.MapEntry(ref reader, field, wire, target, "data", bytesValue: true);
                    break;
                case 3:
                    ProtoFields.SetString(target, "type", ProtoFields.String(ref reader, field, wire));
                    break;
                case 4:
                    ProtoFields.MapEntry(ref reader, field, wire, target, "stringData", bytesValue: false);
                    break;
                case 5:
                    target["immutable"] = ProtoFields.Bool(ref reader, field, wire);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    public static void ConfigMap(ReadOnlySpan<byte> bytes, JsonObject target)
    {
        var reader = new ProtoReader(bytes, "v1.ConfigMap");
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    target["metadata"] = ObjectMetaDecoder.Decode(ProtoFields.Bytes(ref reader, field, wire));
                    break;
                case 2:
                    ProtoFields.MapEntry(ref reader, field, wire, target, "data", bytesValue: false);
                    break;
                case 3:
                    ProtoFields.MapEntry(ref reader, field, wire, target, "binaryData", bytesValue: true);
                    break;
                case 4:
                    target["immutable"] = ProtoFields.Bool(ref reader, field, wire);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    public static void Namespace(ReadOnlySpan<byte> bytes, JsonObject target)
    {
        var reader = new ProtoReader(bytes, "v1.Namespace");
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    target["metadata"] = ObjectMetaDecoder.Decode(ProtoFields.Bytes(ref reader, field, wire));
                    break;
                case 2:
                    target["spec"] = NamespaceSpec(ProtoFields.Bytes(ref reader, field, wire));
                    break;
                case 3:
                    target["status"] = NamespaceStatus(ProtoFields.Bytes(ref reader, field, wire));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    public static void DeleteOptions(ReadOnlySpan<byte> bytes, JsonObject target)
    {
        var reader = new ProtoReader(bytes, "meta.v1.DeleteOptions");
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    target["gracePeriodSeconds"] = ProtoFields.Int64(ref reader, field, wire);
                    break;
                case 2:
                    target["preconditions"] = Preconditions(ProtoFields.Bytes(ref reader, field, wire));
                    break;
                case 3:
                    target["orphanDependents"] = ProtoFields.Bool(ref reader, field, wire);
                    break;
                case 4:
                    ProtoFields.SetString(target, "propagationPolicy", ProtoFields.String(ref reader, field, wire));
                    break;
                case 5:
                    ProtoFields.AddString(target, "dryRun", ProtoFields.String(ref reader, field, wire));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static JsonObject NamespaceSpec(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "v1.NamespaceSpec");
        var spec = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                ProtoFields.AddString(spec, "finalizers", ProtoFields.String(ref reader, field, wire));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spec;
    }

    private static JsonObject NamespaceStatus(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "v1.NamespaceStatus");
        var status = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                ProtoFields.SetString(status, "phase", ProtoFields.String(ref reader, field, wire));
            }
            else
            {
                reader.Skip(wire); // conditions are written by the server, never by clients
            }
        }

        return status;
    }

    private static JsonObject Preconditions(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "meta.v1.Preconditions");
        var preconditions = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    preconditions["uid"] = ProtoFields.String(ref reader, field, wire);
                    break;
                case 2:
                    preconditions["resourceVersion"] = ProtoFields.String(ref reader, field, wire);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return preconditions;
    }
}
