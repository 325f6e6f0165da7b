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
    private static readonly BackgroundValue<Dictionary<string, StructuralSchema>> Background = new(Compiled, "aiguard crd schemas");

    /// <summary>The schema of <paramref name="kind"/> (ModelDeployment, GuardPolicy or GuardException).</summary>
    public static StructuralSchema For(string kind) => Compiled.Value[kind];

    /// <summary>
    /// Starts compiling the schemas on a thread of their own, so that a large input's first documents do not wait
    /// for them: the compilation (the CRDs, then the Cel package's start and the CEL programs) is a third of a
    /// one-model audit and otherwise runs on the first worker while the other waits for it. One thread at most, however
    /// many files ask (<see cref="BackgroundValue{T}"/>). A failure is kept by the lazy value and thrown to whoever
    /// asks <see cref="For"/>, as without this.
    /// </summary>
    public static void CompileInBackground() => Background.Start();

    private static Dictionary<string, StructuralSchema> Compile() =>
        CrdGenerator.GenerateAll().ToDictionary(
            crd => crd.Spec.Names.Kind,
            crd => StructuralSchema.Compile(JsonNode.Parse(KubernetesJson.Serialize(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema))!.AsObject()),
            StringComparer.Ordinal);
}
