using System.Text.Json.Nodes;
using AiGuard.Api.Crds;
using AiGuard.Schema;
using k8s;

namespace AiGuard.Cli.Audit.Schema;

/// <summary>
/// CrdSchemas holds the structural schema of each aiguard.io kind, compiled once per process (CEL programs included)
/// from the very CRDs <c>aiguard crds</c> prints and the API server is given, so the audit refuses exactly what the
/// API server would.
/// </summary>
public static class CrdSchemas
{
    private static readonly Lazy<Dictionary<string, StructuralSchema>> Compiled = new(Compile);

    /// <summary>The schema of <paramref name="kind"/> (ModelDeployment, GuardPolicy or GuardException).</summary>
    public static StructuralSchema For(string kind) => Compiled.Value[kind];

    private static Dictionary<string, StructuralSchema> Compile() =>
        CrdGenerator.GenerateAll().ToDictionary(
            crd => crd.Spec.Names.Kind,
            crd => StructuralSchema.Compile(JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema))!.AsObject()),
            StringComparer.Ordinal);
}
