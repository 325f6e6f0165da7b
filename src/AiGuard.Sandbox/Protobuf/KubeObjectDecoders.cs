using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>Decoders for the object messages clients send as protobuf: v1 Secret, ConfigMap, Namespace and DeleteOptions.</summary>
internal static class KubeObjectDecoders
{
    private static readonly ProtoMessage SecretMessage = new("v1.Secret", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta),
        [2] = ProtoMessage.Map("data", bytesValue: true),
        [3] = ProtoMessage.String("type"),
        [4] = ProtoMessage.Map("stringData", bytesValue: false),
        [5] = ProtoMessage.Bool("immutable"),
    });

    private static readonly ProtoMessage ConfigMapMessage = new("v1.ConfigMap", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta),
        [2] = ProtoMessage.Map("data", bytesValue: false),
        [3] = ProtoMessage.Map("binaryData", bytesValue: true),
        [4] = ProtoMessage.Bool("immutable"),
    });

    private static readonly ProtoMessage NamespaceSpec = new("v1.NamespaceSpec", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.StringList("finalizers"),
    });

    // Only the phase: conditions are written by the server, never by clients.
    private static readonly ProtoMessage NamespaceStatus = new("v1.NamespaceStatus", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("phase"),
    });

    private static readonly ProtoMessage NamespaceMessage = new("v1.Namespace", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta),
        [2] = ProtoMessage.Message("spec", NamespaceSpec),
        [3] = ProtoMessage.Message("status", NamespaceStatus),
    });

    private static readonly ProtoMessage Preconditions = new("meta.v1.Preconditions", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("uid", omitEmpty: false),
        [2] = ProtoMessage.String("resourceVersion", omitEmpty: false),
    });

    private static readonly ProtoMessage DeleteOptionsMessage = new("meta.v1.DeleteOptions", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Int64("gracePeriodSeconds"),
        [2] = ProtoMessage.Message("preconditions", Preconditions),
        [3] = ProtoMessage.Bool("orphanDependents"),
        [4] = ProtoMessage.String("propagationPolicy"),
        [5] = ProtoMessage.StringList("dryRun"),
    });

    public static void Secret(ReadOnlySpan<byte> bytes, JsonObject target) => SecretMessage.Decode(bytes, target);

    public static void ConfigMap(ReadOnlySpan<byte> bytes, JsonObject target) => ConfigMapMessage.Decode(bytes, target);

    public static void Namespace(ReadOnlySpan<byte> bytes, JsonObject target) => NamespaceMessage.Decode(bytes, target);

    public static void DeleteOptions(ReadOnlySpan<byte> bytes, JsonObject target) => DeleteOptionsMessage.Decode(bytes, target);
}
