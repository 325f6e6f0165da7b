using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>Decodes meta.v1.ObjectMeta and its OwnerReference messages into their JSON form.</summary>
internal static class ObjectMetaDecoder
{
    public static JsonObject Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "meta.v1.ObjectMeta");
        var meta = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    ProtoFields.SetString(meta, "name", ProtoFields.String(ref reader, field, wire));
                    break;
                case 2:
                    ProtoFields.SetString(meta, "generateName", ProtoFields.String(ref reader, field, wire));
                    break;
                case 3:
                    ProtoFields.SetString(meta, "namespace", ProtoFields.String(ref reader, field, wire));
                    break;
                case 4:
                    ProtoFields.SetString(meta, "selfLink", ProtoFields.String(ref reader, field, wire));
                    break;
                case 5:
                    ProtoFields.SetString(meta, "uid", ProtoFields.String(ref reader, field, wire));
                    break;
                case 6:
                    ProtoFields.SetString(meta, "resourceVersion", ProtoFields.String(ref reader, field, wire));
                    break;
                case 7:
                    var generation = ProtoFields.Int64(ref reader, field, wire);
                    if (generation != 0)
                    {
                        meta["generation"] = generation;
                    }

                    break;
                case 8:
                    SetTime(meta, "creationTimestamp", ProtoFields.Time(ref reader, field, wire));
                    break;
                case 9:
                    SetTime(meta, "deletionTimestamp", ProtoFields.Time(ref reader, field, wire));
                    break;
                case 10:
                    meta["deletionGracePeriodSeconds"] = ProtoFields.Int64(ref reader, field, wire);
                    break;
                case 11:
                    ProtoFields.MapEntry(ref reader, field, wire, meta, "labels", bytesValue: false);
                    break;
                case 12:
                    ProtoFields.MapEntry(ref reader, field, wire, meta, "annotations", bytesValue: false);
                    break;
                case 13:
                    AddOwnerReference(meta, ProtoFields.Bytes(ref reader, field, wire));
                    break;
                case 14:
                    ProtoFields.AddString(meta, "finalizers", ProtoFields.String(ref reader, field, wire));
                    break;
                default:
                    // 17 managedFields and anything newer: the server computes managed fields itself.
                    reader.Skip(wire);
                    break;
            }
        }

        return meta;
    }

    private static void SetTime(JsonObject meta, string name, string? time)
    {
        if (time is not null)
        {
            meta[name] = time;
        }
    }

    private static void AddOwnerReference(JsonObject meta, ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "meta.v1.OwnerReference");
        var owner = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    owner["kind"] = ProtoFields.String(ref reader, field, wire);
                    break;
                case 3:
                    owner["name"] = ProtoFields.String(ref reader, field, wire);
                    break;
                case 4:
                    owner["uid"] = ProtoFields.String(ref reader, field, wire);
                    break;
                case 5:
                    owner["apiVersion"] = ProtoFields.String(ref reader, field, wire);
                    break;
                case 6:
                    owner["controller"] = ProtoFields.Bool(ref reader, field, wire);
                    break;
                case 7:
                    owner["blockOwnerDeletion"] = ProtoFields.Bool(ref reader, field, wire);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (meta["ownerReferences"] is not JsonArray list)
        {
            list = [];
            meta["ownerReferences"] = list;
        }

        list.Add(owner);
    }
}
