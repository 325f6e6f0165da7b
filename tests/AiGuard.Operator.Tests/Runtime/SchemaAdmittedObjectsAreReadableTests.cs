using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Tests.Runtime.Readability;
using AiGuard.Schema;
using CsCheck;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// What the CRD schema admits, the operator reads: one stored object its typed models cannot read fails the whole
/// LIST/WATCH of its kind, so the informer never syncs and the operator stalls for every namespace. Every one-field
/// change of every seed (<see cref="SchemaMutations"/>) is judged as the sandbox judges a write (unknown fields pruned,
/// nulls pruned, defaults applied, then the schema and its CEL rules); each change the schema accepts is read with the
/// informers' <see cref="CacheJson"/> and with <see cref="KubernetesJson"/>, and neither may throw. The cases are an
/// enumeration of the schema, not random, so every failure names the field, the value and the seed that reproduce it.
/// A CsCheck property then combines admitted changes, several at once, for what one change at a time cannot reach
/// (a failure prints the CsCheck seed that reproduces it).
/// </summary>
public sealed class SchemaAdmittedObjectsAreReadableTests
{
    private static readonly JsonSerializerOptions AsTheApiServerWrites = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Kinds => new() { "ModelDeployment", "GuardPolicy", "GuardException" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_object_the_schema_admits_is_read_by_the_cache_and_by_kubernetes_json(string kind)
    {
        var (source, schema) = Crd(kind);
        var failures = new List<string>();
        var admitted = 0;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var refused = 0;
        foreach (var (seedName, seed) in CrdSeeds.For(kind))
        {
            Assert.True(Admit(schema, seed.DeepClone().AsObject()) is not null, $"{kind} seed '{seedName}' must be valid: {string.Join(" | ", schema.Validate(seed))}");
            foreach (var mutation in SchemaMutations.Of(seed, source))
            {
                if (Admit(schema, mutation.ApplyTo(seed)) is not { } stored)
                {
                    refused++;
                    continue;
                }

                admitted++;
                reached.Add(mutation.Field);
                if (Unreadable(kind, stored) is { } error)
                {
                    failures.Add($"{mutation.Path} = {Shorten(mutation.Value ?? "(absent)")} [seed '{seedName}']: {error}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} admitted {kind} objects are unreadable:\n{string.Join('\n', failures.Take(40))}");
        Assert.True(admitted > 300 && refused > 300, $"the enumeration must reach both sides of the schema: {admitted} admitted, {refused} refused");
        var unreached = SchemaMutations.ScalarFields(source).Where(field => !reached.Contains(field)).ToList();
        Assert.True(unreached.Count == 0, $"no admitted change reaches these {kind} fields: {string.Join(", ", unreached)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Objects_with_several_admitted_edge_values_at_once_are_read_too(string kind)
    {
        var (source, schema) = Crd(kind);
        var seeds = CrdSeeds.For(kind).ToList();
        var admitted = seeds.Select(seed => SchemaMutations.Of(seed.Object, source)
            .Where(m => Admit(schema, m.ApplyTo(seed.Object)) is not null).ToList()).ToList();
        var stored = 0;

        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, int.MaxValue].Array[2, 6]).Sample((index, picks) =>
        {
            var changes = picks.Select(p => admitted[index][p % admitted[index].Count]).ToList();
            var obj = changes.Aggregate(seeds[index].Object, (current, change) => change.ApplyTo(current));
            if (Admit(schema, obj) is not { } json)
            {
                return;
            }

            Interlocked.Increment(ref stored);
            var error = Unreadable(kind, json);
            Assert.True(error is null, $"seed '{seeds[index].Name}' with {string.Join("; ", changes.Select(c => $"{c.Path} = {Shorten(c.Value ?? "(absent)")}"))}: {error}");
        }, iter: 1500, threads: 1);

        Assert.True(stored > 300, $"only {stored} of 1500 combined changes were admitted: the property must mostly test readable objects");
    }

    /// <summary>The object as the API server would store it (pruned, nulls pruned, defaulted), or null when the schema refuses it.</summary>
    private static string? Admit(StructuralSchema schema, JsonObject obj)
    {
        schema.Prune(obj);
        schema.ApplyDefaults(obj);
        return schema.Validate(obj).Count == 0 ? obj.ToJsonString(AsTheApiServerWrites) : null;
    }

    private static string? Unreadable(string kind, string json)
    {
        try
        {
            _ = kind switch
            {
                "ModelDeployment" => (object?)CacheJson.Deserialize<ModelDeployment>(json) ?? throw new JsonException("read as null"),
                "GuardPolicy" => CacheJson.Deserialize<GuardPolicy>(json) ?? throw new JsonException("read as null"),
                _ => CacheJson.Deserialize<GuardException>(json) ?? throw new JsonException("read as null"),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return "CacheJson: " + e.Message;
        }

        try
        {
            _ = kind switch
            {
                "ModelDeployment" => (object?)KubernetesJson.Deserialize<ModelDeployment>(json) ?? throw new JsonException("read as null"),
                "GuardPolicy" => KubernetesJson.Deserialize<GuardPolicy>(json) ?? throw new JsonException("read as null"),
                _ => KubernetesJson.Deserialize<GuardException>(json) ?? throw new JsonException("read as null"),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return "KubernetesJson: " + e.Message;
        }

        return null;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : $"{value[..60]}... ({value.Length} chars)";

    private static string Plural(string kind) => kind == "GuardPolicy" ? "guardpolicies" : kind.ToLowerInvariant() + "s";

    private static (JsonObject Source, StructuralSchema Compiled) Crd(string kind)
    {
        var file = RepositoryRoot.Combine("config", "crd", "bases", $"aiguard.io_{Plural(kind)}.yaml");
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(file));
        var source = JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema))!.AsObject();
        return (source, StructuralSchema.Compile(source.DeepClone().AsObject()));
    }
}
