namespace AiGuard.Cli.Tests.Audit;

/// <summary>Manifests are YAML snippets for audit tests, each with a known verdict under no policy.</summary>
internal static class Manifests
{
    /// <summary>A ModelDeployment that passes every offline control when no policy applies.</summary>
    public static string Compliant(string name = "clean", string ns = "ml-prod", string extraSpec = "") => $"""
        apiVersion: aiguard.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          owner: team@example.com
          riskLevel: limited
          model:
            uri: s3://models/{name}/model.onnx
            sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
          serving:
            image: vllm/vllm-openai:v0.6.2
            replicas: 2
        {extraSpec}
        """;

    /// <summary>Fails AIG-NET-01 (high): an ingress rule without <c>from</c>.</summary>
    public static string OpenIngress(string name = "open", string ns = "ml-prod") =>
        Compliant(name, ns, "  network:\n    ingress:\n      - ports: [8080]");

    /// <summary>Fails AIG-RBAC-01 (medium) only.</summary>
    public static string UnneededToken(string name = "token", string ns = "ml-prod") =>
        Compliant(name, ns, "  access:\n    automountServiceAccountToken: true");

    /// <summary>A policy for namespaces labelled tier=prod with a minimum vLLM version (AIG-IMG-03, critical, for v0.6.2).</summary>
    public const string ProdPolicy = """
        apiVersion: aiguard.io/v1alpha1
        kind: GuardPolicy
        metadata:
          name: prod-baseline
        spec:
          namespaceSelector:
            matchLabels:
              tier: prod
          images:
            minimumVersions:
              - repository: vllm/vllm-openai
                version: 0.6.4
                advisories: [CVE-2024-8939]
        """;

    /// <summary>A policy that lowers AIG-RBAC-01 to low, for every namespace.</summary>
    public const string LowTokenPolicy = """
        apiVersion: aiguard.io/v1alpha1
        kind: GuardPolicy
        metadata:
          name: relaxed
        spec:
          controls:
            AIG-RBAC-01:
              severity: low
        """;

    public static string Namespace(string name, string labels) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
          labels: {labels}
        """;

    public static string Exception(string name, string ns, string model, string control, string expiresAt) => $"""
        apiVersion: aiguard.io/v1alpha1
        kind: GuardException
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          modelDeployments: [{model}]
          controls: [{control}]
          justification: vendor fix ships next sprint; ingress limited to checkout
          approvedBy: security@example.com
          expiresAt: "{expiresAt}"
        """;

    public static string Documents(params string[] documents) => string.Join("\n---\n", documents) + "\n";
}
