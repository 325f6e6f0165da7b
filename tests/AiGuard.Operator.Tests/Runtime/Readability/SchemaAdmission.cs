using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Schema;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime.Readability;

/// <summary>
/// A kind's CRD (config/crd/bases) compiled with <see cref="StructuralSchema"/> and applied in the sandbox's order:
/// unknown fields and nulls pruned, defaults applied, then the schema and its CEL rules.
/// </summary>
internal sealed class SchemaAdmission
{
    private static readonly JsonSerializerOptions AsTheApiServerWrites = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SchemaAdmission(JsonObject source, StructuralSchema compiled)
    {
        Source = source;
        Compiled = compiled;
    }

    /// <summary>The openAPIV3Schema as written in the CRD.</summary>
    public JsonObject Source { get; }

    /// <summary>The compiled schema.</summary>
    public StructuralSchema Compiled { get; }

    /// <summary>Loads <paramref name="kind"/>'s CRD from config/crd/bases.</summary>
    public static SchemaAdmission For(string kind)
    {
        var plural = kind == "GuardPolicy" ? "guardpolicies" : kind.ToLowerInvariant() + "s";
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(RepositoryRoot.Combine("config", "crd", "bases", $"aiguard.io_{plural}.yaml")));
        var source = JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema))!.AsObject();
        return new SchemaAdmission(source, StructuralSchema.Compile(source.DeepClone().AsObject()));
    }

    /// <summary>The JSON the API server would store for <paramref name="obj"/> (changed in place), or null when the schema refuses it.</summary>
    public string? Store(JsonObject obj)
    {
        Compiled.Prune(obj);
        Compiled.ApplyDefaults(obj);
        return Compiled.Validate(obj).Count == 0 ? obj.ToJsonString(AsTheApiServerWrites) : null;
    }
}
