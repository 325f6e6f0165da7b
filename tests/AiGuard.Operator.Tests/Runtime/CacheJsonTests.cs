using System.Reflection;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class CacheJsonTests
{
    private static readonly string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"NAME","namespace":"ml-prod","uid":"UID","resourceVersion":"RV",
           "labels":{"app.kubernetes.io/managed-by":"aiguard-operator","aiguard.io/model-deployment":"shared"},
           "annotations":{"aiguard.io/desired-hash":"0123456789abcdef"},
           "ownerReferences":[{"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","name":"shared","uid":"owner","controller":true}],
           "managedFields":[{"manager":"aiguard-operator","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]},
         "spec":{"selector":{"matchLabels":{"aiguard.io/model-deployment":"shared"}},
           "template":{"metadata":{"labels":{"app.kubernetes.io/managed-by":"aiguard-operator","aiguard.io/model-deployment":"shared"}},
             "spec":{"automountServiceAccountToken":false,"containers":[{"name":"model","image":"ghcr.io/acme/triton:24.08@sha256:abc",
               "securityContext":{"privileged":false,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}}]}}},
         "status":{"observedGeneration":1,"conditions":[{"type":"Available","status":"True"}]}}
        """;

    private static V1Deployment Read(string name, string uid) =>
        CacheJson.Deserialize<V1Deployment>(Deployment.Replace("NAME", name, StringComparison.Ordinal).Replace("UID", uid, StringComparison.Ordinal)
            .Replace("RV", "7", StringComparison.Ordinal))!;

    [Fact]
    public void Objects_read_for_the_cache_share_repeated_strings_and_label_maps_and_keep_what_controls_read()
    {
        var first = Read("model-a", "uid-a");
        var second = Read("model-b", "uid-b");

        Assert.Same(first.Metadata.Labels, second.Metadata.Labels);
        Assert.Same(first.Metadata.Labels, first.Spec.Template.Metadata.Labels); // one map for the object and its pod template
        Assert.Same(first.Metadata.NamespaceProperty, second.Metadata.NamespaceProperty);
        Assert.Same(first.Spec.Template.Spec.Containers[0].Image, second.Spec.Template.Spec.Containers[0].Image);
        Assert.Same(first.Metadata.OwnerReferences[0].Uid, second.Metadata.OwnerReferences[0].Uid);

        // Unique values stay distinct, and the fields the controls and the drift check read are all there.
        Assert.Equal("model-a", first.Metadata.Name);
        Assert.Equal("uid-b", second.Metadata.Uid);
        Assert.Equal("aiguard-operator", first.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("0123456789abcdef", first.Metadata.Annotations["aiguard.io/desired-hash"]);
        Assert.Equal(["ALL"], first.Spec.Template.Spec.Containers[0].SecurityContext.Capabilities.Drop);
        Assert.False(first.Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.Equal("True", first.Status.Conditions.Single().Status);
    }

    private static ModelDeployment Model(string name, string readySince) => CacheJson.Deserialize<ModelDeployment>($$$"""
        {"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"{{{name}}}","namespace":"ml-prod","uid":"uid-{{{name}}}"},
         "status":{"phase":"Compliant","conditions":[
           {"type":"Ready","status":"True","reason":"Compliant","message":"every control passes","observedGeneration":1,"lastTransitionTime":"{{{readySince}}}"},
           {"type":"Stalled","status":"False","reason":"Compliant","message":"","observedGeneration":1,"lastTransitionTime":"2026-01-01T00:00:00Z"}
         ]}}
        """)!;

    [Fact]
    public void Equal_conditions_owner_references_and_owner_lists_are_one_shared_instance()
    {
        var first = Read("model-a", "uid-a");
        var second = Read("model-b", "uid-b");
        Assert.Same(first.Metadata.OwnerReferences, second.Metadata.OwnerReferences); // both children of "shared"
        Assert.Same(first.Spec.Template.Spec.Containers[0].SecurityContext.Capabilities.Drop, second.Spec.Template.Spec.Containers[0].SecurityContext.Capabilities.Drop);

        var a = Model("a", "2026-01-01T00:00:05Z");
        var b = Model("b", "2026-01-01T00:00:05Z");
        var later = Model("c", "2026-01-01T00:00:06Z");
        Assert.Same(a.Status!.Conditions![0], b.Status!.Conditions![0]);
        Assert.Same(a.Status!.Conditions![1], later.Status!.Conditions![1]);
        Assert.NotSame(a.Status!.Conditions![0], later.Status!.Conditions![0]); // a different transition time is a different condition
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 6, DateTimeKind.Utc), later.Status!.Conditions![0].LastTransitionTime);
        Assert.Equal("every control passes", a.Status!.Conditions![0].Message);
        Assert.Equal(1, a.Status!.Conditions![0].ObservedGeneration);
        Assert.Equal(a.Status!.Conditions!.Count, a.Status!.Conditions!.Capacity); // no spare slots kept per model
    }

    [Fact]
    public void Equal_ports_are_one_shared_instance_and_different_ports_stay_apart()
    {
        static V1Service Service(string name, string targetPort) => CacheJson.Deserialize<V1Service>(
            $$$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{{name}}}}","namespace":"ml-prod"},"spec":{"ports":[{"port":80,"targetPort":{{{{targetPort}}}}}]}}""")!;

        var a = Service("a", "8080");
        var b = Service("b", "8080");
        var named = Service("c", "\"http\"");
        var other = Service("d", "9090");

        Assert.Same(a.Spec.Ports[0].TargetPort, b.Spec.Ports[0].TargetPort);
        Assert.Equal("8080", a.Spec.Ports[0].TargetPort.Value);
        Assert.Equal("http", named.Spec.Ports[0].TargetPort.Value);
        Assert.Equal("9090", other.Spec.Ports[0].TargetPort.Value);
        Assert.NotSame(a.Spec.Ports[0].TargetPort, other.Spec.Ports[0].TargetPort);
        Assert.Equal(KubernetesJson.Serialize(KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(b))), KubernetesJson.Serialize(b));
    }

    [Fact]
    public void A_cached_owner_list_refuses_changes_and_reads_back_as_the_same_json()
    {
        var cached = Read("model-a", "uid-a");
        var owners = cached.Metadata.OwnerReferences;

        Assert.Throws<NotSupportedException>(() => owners.Add(new V1OwnerReference { Uid = "intruder" }));
        Assert.Throws<NotSupportedException>(() => owners.RemoveAt(0));
        Assert.Throws<NotSupportedException>(() => owners[0] = new V1OwnerReference());
        Assert.Equal("owner", Assert.Single(Read("model-b", "uid-b").Metadata.OwnerReferences).Uid);
        Assert.True(Assert.Single(owners).Controller);

        var json = KubernetesJson.Serialize(cached);
        Assert.Equal(json, KubernetesJson.Serialize(CacheJson.Deserialize<V1Deployment>(json)));
        var model = Model("a", "2026-01-01T00:00:05Z");
        Assert.Equal(KubernetesJson.Serialize(model), KubernetesJson.Serialize(KubernetesJson.Deserialize<ModelDeployment>(KubernetesJson.Serialize(model))));
    }

    [Theory]
    [InlineData(typeof(V1Condition))]
    [InlineData(typeof(V1OwnerReference))]
    [InlineData(typeof(IntOrString))]
    public void Pooled_values_differing_in_any_one_property_are_never_merged(Type type)
    {
        var comparer = type == typeof(V1Condition) ? (System.Collections.IEqualityComparer)new Boxed<V1Condition>(CachedValueComparers.Condition)
            : type == typeof(IntOrString) ? new Boxed<IntOrString>(CachedValueComparers.IntOrString)
            : new Boxed<V1OwnerReference>(CachedValueComparers.OwnerReference);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var (one, other) = (Activator.CreateInstance(type)!, Activator.CreateInstance(type)!);
            Assert.True(comparer.Equals(one, other));
            property.SetValue(one, Sample(property.PropertyType, 1));
            property.SetValue(other, Sample(property.PropertyType, 2));
            Assert.False(comparer.Equals(one, other), $"{type.Name}.{property.Name} is not compared");
        }
    }

    private static object Sample(Type type, int which) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => $"value-{which}",
        var t when t == typeof(bool) => which == 1,
        var t when t == typeof(long) => (long)which,
        var t when t == typeof(int) => which,
        var t when t == typeof(DateTime) => new DateTime(2026, 1, which, 0, 0, 0, DateTimeKind.Utc),
        _ => throw new NotSupportedException($"no sample for {type.Name}: extend this test and the comparer"),
    };

    private sealed class Boxed<T>(IEqualityComparer<T> inner) : System.Collections.IEqualityComparer
    {
        public new bool Equals(object? x, object? y) => inner.Equals((T?)x, (T?)y);

        public int GetHashCode(object obj) => inner.GetHashCode((T)obj);
    }

    [Fact]
    public void A_cached_map_refuses_changes_with_an_actionable_error_and_stays_intact()
    {
        var cached = Read("model-a", "uid-a");
        var labels = cached.Metadata.Labels;

        var error = Assert.Throws<NotSupportedException>(() => labels["app.kubernetes.io/managed-by"] = "someone-else");
        Assert.Contains("copy it", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => labels.Remove("app.kubernetes.io/managed-by"));
        Assert.Throws<NotSupportedException>(labels.Clear);

        Assert.Equal("aiguard-operator", Read("model-b", "uid-b").Metadata.Labels["app.kubernetes.io/managed-by"]);
        var copy = new Dictionary<string, string>(labels) { ["extra"] = "x" };
        Assert.Equal(3, copy.Count);
        Assert.Equal(2, labels.Count);
    }

    [Fact]
    public void Maps_with_the_same_keys_share_one_key_array_and_stay_apart_by_their_values()
    {
        var a = new SharedStringDictionary([new("aiguard.io/desired-hash", "0123456789abcdef"), new("app", "scorer")]);
        var b = new SharedStringDictionary([new("app", "ranker"), new("aiguard.io/desired-hash", "fedcba9876543210")]);
        var other = new SharedStringDictionary([new("aiguard.io/desired-hash", "0123456789abcdef"), new("tier", "scorer")]);

        Assert.True(a.SharesKeysWith(b));
        Assert.False(a.SharesKeysWith(other));
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, other);
        Assert.Equal("scorer", a["app"]);
        Assert.Equal("ranker", b["app"]);
        Assert.Equal("fedcba9876543210", b["aiguard.io/desired-hash"]);

        // A one-key map (a child's desired-hash annotation) holds its value without an array, and reads like any map.
        var single = new SharedStringDictionary([new("aiguard.io/desired-hash", "0123456789abcdef")]);
        var same = new SharedStringDictionary([new("aiguard.io/desired-hash", "0123456789abcdef")]);
        var differs = new SharedStringDictionary([new("aiguard.io/desired-hash", "fedcba9876543210")]);
        Assert.Equal(single, same);
        Assert.Equal(single.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(single, differs);
        Assert.NotEqual<SharedStringDictionary>(single, new SharedStringDictionary([new("aiguard.io/desired-hash", "0123456789abcdef"), new("b", "c")]));
        Assert.Equal("0123456789abcdef", single["aiguard.io/desired-hash"]);
        Assert.False(single.ContainsKey("app"));
        Assert.Equal([new KeyValuePair<string, string>("aiguard.io/desired-hash", "0123456789abcdef")], single.ToArray());
        Assert.Equal(["0123456789abcdef"], single.Values);
        Assert.Empty(new SharedStringDictionary([]));

        // The shared key array is not reachable for writing through the read-only views.
        IReadOnlyDictionary<string, string> view = a;
        Assert.IsNotType<string[]>(view.Keys);
        Assert.IsNotType<string[]>(view.Values);
    }

    [Fact]
    public void A_cached_object_serializes_back_to_the_same_json()
    {
        var cached = Read("model-a", "uid-a");
        var reread = KubernetesJson.Deserialize<V1Deployment>(KubernetesJson.Serialize(cached));

        Assert.Equal(KubernetesJson.Serialize(cached), KubernetesJson.Serialize(reread));
        Assert.Equal("shared", reread.Spec.Selector.MatchLabels["aiguard.io/model-deployment"]);
    }

    [Fact]
    public void Long_values_are_not_pooled_and_a_null_map_value_reads_as_absent()
    {
        var huge = new string('z', 10_000);
        var json = "{\"metadata\":{\"name\":\"cm\",\"generateName\":\"" + huge + "\",\"annotations\":{\"big\":\"" + huge + "\",\"gone\":null}}}";

        var first = CacheJson.Deserialize<V1ConfigMap>(json)!;
        var second = CacheJson.Deserialize<V1ConfigMap>(json)!;

        Assert.Equal(huge, first.Metadata.Annotations["big"]);
        Assert.NotSame(first.Metadata.GenerateName, second.Metadata.GenerateName);
        Assert.False(first.Metadata.Annotations.ContainsKey("gone"));
    }

    [Fact]
    public void The_pool_stays_bounded_and_forgets_values_nobody_looks_up()
    {
        var pool = new InternPool<string>(StringComparer.Ordinal, generationSize: 4);
        var kept = pool.Intern(new string('k', 3));

        for (var i = 0; i < 1000; i++)
        {
            pool.Intern($"unique-{i}");
            Assert.Same(kept, pool.Intern(new string('k', 3))); // looked up all the time: always the same instance
            Assert.InRange(pool.Count, 1, 8);
        }

        var forgotten = pool.Intern("once");
        for (var i = 0; i < 20; i++)
        {
            pool.Intern($"later-{i}");
        }

        Assert.NotSame(forgotten, pool.Intern(new string("once")));
    }

    [Fact]
    public void Escaped_and_multi_byte_strings_read_as_the_same_pooled_text_as_plain_ones()
    {
        // "team-\u00e9" and "team-é" are one string; so are an escaped and a plain label key.
        var plain = CacheJson.Deserialize<V1ConfigMap>("{\"metadata\":{\"name\":\"team-\u00e9\",\"labels\":{\"app\":\"x\"}}}")!;
        var escaped = CacheJson.Deserialize<V1ConfigMap>("{\"metadata\":{\"name\":\"team-\\u00e9\",\"labels\":{\"\\u0061pp\":\"x\"}}}")!;

        Assert.Equal("team-\u00e9", escaped.Metadata.Name);
        Assert.Same(plain.Metadata.Name, escaped.Metadata.Name);
        Assert.Same(plain.Metadata.Labels.Keys.Single(), escaped.Metadata.Labels.Keys.Single());
    }

    [Fact]
    public void Strings_at_the_pooling_limit_are_pooled_and_longer_ones_kept_apart_whatever_their_encoding()
    {
        static string Name(string text) =>
            CacheJson.Deserialize<V1ConfigMap>("{\"metadata\":{\"name\":\"" + text + "\"}}")!.Metadata.Name;
        var limit = new string('a', PooledStringConverter.MaxPooledLength);
        var multiByte = new string('\u00e9', PooledStringConverter.MaxPooledLength); // 512 UTF-8 bytes, 256 characters
        var over = new string('b', PooledStringConverter.MaxPooledLength + 1);

        Assert.Same(Name(limit), Name(limit));
        Assert.Same(Name(multiByte), Name(multiByte));
        Assert.Equal(multiByte, Name(multiByte));
        Assert.NotSame(Name(over), Name(over));
        Assert.Equal(over, Name(over));
    }

    [Fact]
    public void A_pool_looked_up_by_characters_makes_a_string_only_for_a_value_it_lacks()
    {
        var pool = new InternPool<string>(StringComparer.Ordinal);
        var made = 0;
        string Make(ReadOnlySpan<char> chars)
        {
            made++;
            return new string(chars);
        }

        var first = pool.Intern<ReadOnlySpan<char>>("label".AsSpan(), Make);
        var again = pool.Intern<ReadOnlySpan<char>>("label".AsSpan(), Make);

        Assert.Same(first, again);
        Assert.Same(first, pool.Intern(new string("label")));
        Assert.Equal(1, made);
        var characterBlind = new InternPool<string>(EqualityComparer<string>.Create((a, b) => a == b, s => s?.Length ?? 0));
        Assert.Throws<InvalidOperationException>(() => characterBlind.Intern<ReadOnlySpan<char>>("x".AsSpan(), Make));
    }
}
