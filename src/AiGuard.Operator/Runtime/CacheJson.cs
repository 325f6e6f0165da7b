using System.Text.Json;
using k8s;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// CacheJson reads objects for the informers' caches: KubernetesClient's own settings plus two converters that pool
/// what thousands of objects repeat. Strings come from <see cref="Strings"/> and string maps (labels, annotations,
/// selectors) are <see cref="SharedStringDictionary"/> from <see cref="Labels"/>, so a cached object costs its shape and its
/// few unique values (uid, resourceVersion), not a private copy of every label key, namespace and message. Only the
/// caches read with it: their objects are read-only by contract, and the shared maps enforce that.
/// </summary>
public static class CacheJson
{
    private static readonly Lazy<JsonSerializerOptions> Lazy = new(Create);

    /// <summary>The strings shared by every cached object.</summary>
    public static InternPool<string> Strings { get; } = new(StringComparer.Ordinal);

    /// <summary>The string maps shared by every cached object.</summary>
    public static InternPool<SharedStringDictionary> Labels { get; } = new();

    /// <summary>Serializer options for cached objects.</summary>
    public static JsonSerializerOptions Options => Lazy.Value;

    /// <summary>Reads <typeparamref name="T"/> from <paramref name="element"/> with <see cref="Options"/>.</summary>
    public static T? Deserialize<T>(JsonElement element) => element.Deserialize<T>(Options);

    /// <summary>Reads <typeparamref name="T"/> from <paramref name="json"/> with <see cref="Options"/>.</summary>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? kubernetes = null;
        KubernetesJson.AddJsonOptions(o => kubernetes = o);
        var options = new JsonSerializerOptions(kubernetes ?? throw new InvalidOperationException("KubernetesJson exposed no options"));
        options.Converters.Insert(0, new PooledStringConverter(Strings));
        options.Converters.Insert(0, new SharedStringDictionaryConverter(Strings, Labels));
        options.MakeReadOnly();
        return options;
    }
}
