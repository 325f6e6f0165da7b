using System.Text.Json;
using AiGuard.Api.Quantities;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// CacheJson reads objects for the informers' caches: KubernetesClient's own settings plus two converters that pool
/// what thousands of objects repeat. Strings come from <see cref="Strings"/> and string maps (labels, annotations,
/// selectors) are <see cref="SharedStringDictionary"/> from <see cref="Labels"/>, so a cached object costs its shape and its
/// few unique values (uid, resourceVersion), not a private copy of every label key, namespace and message. Status
/// conditions and ownerReferences are pooled whole, and ownerReference lists and string lists are immutable
/// <see cref="SharedList{T}"/>: a model's children carry one owner list, and thousands of models converged in the
/// same second carry the same conditions. <c>IntOrString</c> values (ports, rollout sizes; immutable) are pooled by their
/// text: every model's Service, NetworkPolicy and Deployment repeat the same few, 3.5 objects and strings per model.
/// Condition lists (<c>List&lt;V1Condition&gt;</c> of the aiguard statuses) are read without the serializer's spare slots. NetworkPolicy ingress and egress rule lists are shared by their JSON text
/// (<see cref="PooledJsonConverter{T}"/>): every model's policy repeats the same DNS and serving-port rules. Only the caches read with it: their objects are read-only by contract, and
/// the shared maps and lists enforce that.
/// </summary>
public static class CacheJson
{
    private static readonly Lazy<JsonSerializerOptions> Lazy = new(Create);

    /// <summary>The strings shared by every cached object.</summary>
    public static InternPool<string> Strings { get; } = new(StringComparer.Ordinal);

    /// <summary>The string maps shared by every cached object.</summary>
    public static InternPool<SharedStringDictionary> Labels { get; } = new();

    private static readonly InternPool<V1Condition> Conditions = new(CachedValueComparers.Condition);
    private static readonly InternPool<V1OwnerReference> Owners = new(CachedValueComparers.OwnerReference);
    private static readonly InternPool<IntOrString> Ports = new(CachedValueComparers.IntOrString);
    private static readonly InternPool<SharedList<V1OwnerReference>> OwnerLists = new();
    private static readonly InternPool<SharedList<string>> StringLists = new();

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
        // Pooled values are read with options that pool strings and maps but not the value itself.
        var values = new JsonSerializerOptions(kubernetes ?? throw new InvalidOperationException("KubernetesJson exposed no options"));
        values.Converters.Insert(0, new PooledStringConverter(Strings));
        values.Converters.Insert(0, new BoundedQuantityJsonConverter());
        values.Converters.Insert(0, new SharedStringDictionaryConverter(Strings, Labels));
        values.MakeReadOnly();

        var options = new JsonSerializerOptions(values);
        options.Converters.Insert(0, new PooledValueConverter<V1Condition>(Conditions, values));
        options.Converters.Insert(0, new PooledValueConverter<V1OwnerReference>(Owners, values));
        options.Converters.Insert(0, new PooledValueConverter<IntOrString>(Ports, values));
        options.Converters.Insert(0, new ExactListConverter<V1Condition>());
        options.Converters.Insert(0, new SharedListConverter<V1OwnerReference>(OwnerLists));
        options.Converters.Insert(0, new SharedListConverter<string>(StringLists));
        options.Converters.Insert(0, new PooledJsonConverter<IList<V1NetworkPolicyIngressRule>>(values, rules => new SharedList<V1NetworkPolicyIngressRule>([.. rules])));
        options.Converters.Insert(0, new PooledJsonConverter<IList<V1NetworkPolicyEgressRule>>(values, rules => new SharedList<V1NetworkPolicyEgressRule>([.. rules])));
        options.MakeReadOnly();
        return options;
    }
}
