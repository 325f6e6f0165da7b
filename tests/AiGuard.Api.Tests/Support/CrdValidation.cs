using System.Text.Json.Nodes;
using AiGuard.Schema;
using k8s;
using k8s.Models;

namespace AiGuard.Api.Tests.Support;

/// <summary>
/// CrdValidation checks manifests against the generated CRDs with the one structural-schema validator the sandbox
/// and <c>aiguard audit</c> use (AiGuard.Schema), as the API server does: unknown fields (refused under strict field
/// validation), defaults, then the schema and its CEL rules. Errors read as the server's causes: <c>path: message</c>.
/// </summary>
internal static class CrdValidation
{
    private static readonly Dictionary<string, StructuralSchema> Schemas =
        GeneratedCrds.All.ToDictionary(crd => crd.Spec.Names.Kind, crd => Compile(crd.Schema()), StringComparer.Ordinal);

    /// <summary>The compiled schema of the CRD for <paramref name="kind"/>.</summary>
    public static StructuralSchema For(string kind) => Schemas[kind];

    /// <summary>Every error the API server would return for <paramref name="manifest"/> (which is left unchanged).</summary>
    public static List<string> Validate(JsonNode? manifest)
    {
        var obj = manifest!.DeepClone().AsObject();
        var schema = For((string)obj["kind"]!);
        var errors = schema.UnknownFields(obj).Select(f => $"{f.Path}: {f}").ToList();
        schema.ApplyDefaults(obj);
        errors.AddRange(schema.Validate(obj).Select(e => e.ToString()));
        return errors;
    }

    /// <summary>True when the CEL <paramref name="rule"/> holds for <paramref name="self"/>, evaluated as the validator evaluates it.</summary>
    public static bool Holds(string rule, JsonNode? self)
    {
        var schema = StructuralSchema.Compile(new JsonObject
        {
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
            ["x-kubernetes-validations"] = new JsonArray(new JsonObject { ["rule"] = rule, ["message"] = "rule failed" }),
        });
        Assert.Empty(schema.SkippedRules);
        return schema.Validate(self).Count == 0;
    }

    /// <summary>Compiles a CRD schema node, as the sandbox compiles a registered CRD.</summary>
    public static StructuralSchema Compile(V1JSONSchemaProps schema) =>
        StructuralSchema.Compile(JsonNode.Parse(KubernetesJson.Serialize(schema))!.AsObject());
}
