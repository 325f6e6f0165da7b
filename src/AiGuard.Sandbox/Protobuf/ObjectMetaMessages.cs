using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>The meta.v1.ObjectMeta message (with its OwnerReferences) that every object message embeds.</summary>
internal static class ObjectMetaMessages
{
    private static readonly ProtoMessage OwnerReference = new("meta.v1.OwnerReference", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("kind", omitEmpty: false),
        [3] = ProtoMessage.String("name", omitEmpty: false),
        [4] = ProtoMessage.String("uid", omitEmpty: false),
        [5] = ProtoMessage.String("apiVersion", omitEmpty: false),
        [6] = ProtoMessage.Bool("controller"),
        [7] = ProtoMessage.Bool("blockOwnerDeletion"),
    });

    // 17 managedFields and anything newer are skipped: the server computes managed fields itself.
    /// <summary>meta.v1.ObjectMeta.</summary>
    public static readonly ProtoMessage ObjectMeta = new("meta.v1.ObjectMeta", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("name"),
        [2] = ProtoMessage.String("generateName"),
        [3] = ProtoMessage.String("namespace"),
        [4] = ProtoMessage.String("selfLink"),
        [5] = ProtoMessage.String("uid"),
        [6] = ProtoMessage.String("resourceVersion"),
        [7] = Generation,
        [8] = ProtoMessage.Time("creationTimestamp"),
        [9] = ProtoMessage.Time("deletionTimestamp"),
        [10] = ProtoMessage.Int64("deletionGracePeriodSeconds"),
        [11] = ProtoMessage.Map("labels", bytesValue: false),
        [12] = ProtoMessage.Map("annotations", bytesValue: false),
        [13] = ProtoMessage.MessageList("ownerReferences", OwnerReference),
        [14] = ProtoMessage.StringList("finalizers"),
    });

    // generation is server-owned; a client's zero means unset and is left out.
    private static void Generation(scoped ref ProtoReader reader, int field, int wireType, JsonObject meta)
    {
        var generation = ProtoFields.Int64(ref reader, field, wireType);
        if (generation != 0)
        {
            meta["generation"] = generation;
        }
    }
}
