using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Storage;

/// <summary>
/// An immutable stored object: its JSON bytes (serialized once per write, served as-is to readers and
/// watchers) plus the metadata that selectors, garbage collection and namespaces need without parsing.
/// </summary>
internal sealed class StoredObject
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private StoredObject(byte[] json, string name, string ns, string uid, long resourceVersion)
    {
        Json = json;
        Name = name;
        Namespace = ns;
        Uid = uid;
        ResourceVersion = resourceVersion;
    }

    public byte[] Json { get; }
    public string Name { get; }
    public string Namespace { get; }
    public string Uid { get; }
    public long ResourceVersion { get; }
    public string ApiVersion { get; private init; } = "";
    public IReadOnlyDictionary<string, string> Labels { get; private init; } = NoLabels;
    public IReadOnlyList<string> OwnerUids { get; private init; } = [];
    public bool HasFinalizers { get; private init; }
    public bool IsDeleting { get; private init; }

    public string Key => KeyOf(Namespace, Name);

    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    /// <summary>A private, mutable copy of the object.</summary>
    public JsonObject Parse() => KubeJson.ParseObject(Json);

    /// <summary>Captures <paramref name="obj"/> as stored; the caller must not mutate it afterwards.</summary>
    public static StoredObject From(JsonObject obj, long resourceVersion)
    {
        var meta = obj.GetObject("metadata");
        var labels = meta.GetObject("labels");
        var owners = meta.GetArray("ownerReferences");
        return new StoredObject(
            KubeJson.Serialize(obj),
            meta.GetString("name") ?? "",
            meta.GetString("namespace") ?? "",
            meta.GetString("uid") ?? "",
            resourceVersion)
        {
            ApiVersion = obj.GetString("apiVersion") ?? "",
            Labels = labels is null || labels.Count == 0
                ? NoLabels
                : labels.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal),
            OwnerUids = owners is null
                ? []
                : owners.OfType<JsonObject>().Select(o => o.GetString("uid")).OfType<string>().ToArray(),
            HasFinalizers = meta.GetArray("finalizers") is { Count: > 0 },
            IsDeleting = meta.GetString("deletionTimestamp") is not null,
        };
    }
}
