using System.Text.Json.Nodes;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;

namespace AiGuard.Operator.Tests.Runtime.Readability;

/// <summary>
/// The objects the readability property starts from, per kind: the committed samples (config/samples), the controller
/// tests' models (<see cref="TestModels"/>), and one object per kind that sets every field of its CRD, status included,
/// so each field is changed where its neighbours are set too.
/// </summary>
internal static class CrdSeeds
{
    private const string Condition = """
        {"type":"Ready","status":"True","reason":"Compliant","message":"every control passes","observedGeneration":3,"lastTransitionTime":"2026-01-01T00:00:00Z"}
        """;

    private const string FullModelDeployment = $$$$"""
        {"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"chat","namespace":"ml","generation":3},
         "spec":{"owner":"team-ml@example.com","riskLevel":"limited","enforcement":"Enforce",
          "model":{"uri":"hf://org/model","sha256":"5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29"},
          "serving":{"image":"vllm/vllm-openai:v0.6.6","replicas":2,"port":8000,"args":["--port=8000"],
           "env":[{"name":"HF_HUB_OFFLINE","value":"1"}],
           "resources":{"requests":{"cpu":"4","memory":"24Gi"},"limits":{"memory":"32Gi","nvidia.com/gpu":1}},
           "securityContext":{"runAsNonRoot":true,"runAsUser":1000,"runAsGroup":1000,"readOnlyRootFilesystem":true,
            "allowPrivilegeEscalation":false,"privileged":false,"capabilities":{"add":["NET_BIND_SERVICE"]}}},
          "network":{"allowDNS":true,
           "ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"portal"},"matchExpressions":[{"key":"tier","operator":"In","values":["web"]}]},
             "namespaceSelector":{"matchLabels":{"team":"web"},"matchExpressions":[{"key":"env","operator":"Exists"}]}},
            {"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],"ports":[8000]}],
           "egress":[{"to":[{"ipBlock":{"cidr":"10.40.12.0/24","except":["10.40.12.1/32"]}},
            {"podSelector":{"matchLabels":{"app":"store"},"matchExpressions":[{"key":"tier","operator":"NotIn","values":["x"]}]},
             "namespaceSelector":{"matchLabels":{"team":"data"},"matchExpressions":[{"key":"env","operator":"DoesNotExist"}]}}],"ports":[443]}]},
          "secrets":[{"name":"db","sealedData":{"password":"AgB3c2VhbGVk"},"expose":"File","mountPath":"/var/run/secrets/db"},
           {"name":"api","existingSecret":"api-token","expose":"Env"}],
          "access":{"automountServiceAccountToken":false,
           "operators":[{"kind":"Group","name":"ml-oncall"},{"kind":"ServiceAccount","name":"deployer","namespace":"ci"}],
           "viewers":[{"kind":"User","name":"alice@example.com"}],
           "apiRules":[{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["model-config"],"verbs":["get","list"],"nonResourceURLs":["/healthz"]}]},
          "updates":{"patch":"Auto"}},
         "status":{"observedGeneration":3,"phase":"Compliant","enforcement":"Enforce","complianceScore":100,
          "lastEvaluatedTime":"2026-01-01T00:00:00Z","appliedPolicies":["baseline"],"sealingKeys":["k1"],
          "image":{"requested":"vllm/vllm-openai:v0.6.3","effective":"vllm/vllm-openai:v0.6.4","patchedFrom":"vllm/vllm-openai:v0.6.3"},
          "findings":[{"control":"AIG-IMG-03","severity":"high","message":"below the minimum version","remediation":"upgrade","policy":"baseline","waived":true,"waivedBy":"waiver"}],
          "conditions":[{{{{Condition}}}}]}}
        """;

    private const string FullGuardPolicy = $$$$"""
        {"apiVersion":"aiguard.io/v1alpha1","kind":"GuardPolicy","metadata":{"name":"baseline","generation":2},
         "spec":{"namespaceSelector":{"matchLabels":{"tier":"prod"},"matchExpressions":[{"key":"team","operator":"In","values":["ml"]}]},
          "enforcement":"Enforce","blockAt":"high",
          "controls":{"AIG-GOV-01":{"severity":"high","disabled":false}},
          "images":{"allowedRegistries":["docker.io/vllm"],"requireDigest":true,
           "minimumVersions":[{"repository":"vllm/vllm-openai","version":"0.6.4","patchedImage":"vllm/vllm-openai:v0.6.4","advisories":["CVE-2024-8939"]}],
           "vulnerabilities":{"failOn":"high","onlyFixable":true}},
          "network":{"allowPublicEgress":false,"allowedEgressCIDRs":["10.0.0.0/8"]},
          "secrets":{"allowExistingSecrets":false},"models":{"allowedSources":["s3://models/"]},
          "rbac":{"allowedResources":["configmaps"]},"governance":{"requireOwner":true,"requireRiskLevel":true},
          "incidentResponse":{"onCritical":"Alert"},"exceptions":{"nonWaivable":["AIG-SEC-03"]},
          "inventory":{"inferenceImages":["ghcr.io/acme/llm-server"]}},
         "status":{"observedGeneration":2,"matchedModelDeployments":4,"conditions":[{{{{Condition}}}}]}}
        """;

    private const string FullGuardException = $$$$"""
        {"apiVersion":"aiguard.io/v1alpha1","kind":"GuardException","metadata":{"name":"waiver","namespace":"ml","generation":1},
         "spec":{"modelDeployments":["chat"],"controls":["AIG-IMG-03"],"justification":"vendor fix ships next sprint; internal only",
          "approvedBy":"security@example.com","expiresAt":"2027-01-15T00:00:00Z"},
         "status":{"observedGeneration":1,"active":true,"matchedModelDeployments":1,"conditions":[{{{{Condition}}}}]}}
        """;

    /// <summary>(seed name, object) for <paramref name="kind"/>.</summary>
    public static IEnumerable<(string Name, JsonObject Object)> For(string kind)
    {
        var (full, typed) = kind switch
        {
            "ModelDeployment" => (FullModelDeployment, (object)TestModels.Compliant("ml", "chat", withAccess: true)),
            "GuardPolicy" => (FullGuardPolicy, TestModels.Policy("baseline", new Dictionary<string, string> { ["tier"] = "prod" })),
            "GuardException" => (FullGuardException, TestModels.Exception("ml", "waiver", "chat", "AIG-IMG-03", new DateTime(2027, 1, 15, 0, 0, 0, DateTimeKind.Utc))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an aiguard kind"),
        };
        yield return ("every field set", JsonNode.Parse(full)!.AsObject());
        yield return ("TestModels", JsonNode.Parse(KubernetesJson.Serialize(typed))!.AsObject());
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("config", "samples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("\nkind: " + kind + "\n", StringComparison.Ordinal))
            {
                yield return (Path.GetFileName(file), JsonNode.Parse(KubernetesJson.Serialize(Sample(kind, text)))!.AsObject());
            }
        }
    }

    private static object Sample(string kind, string yaml) => kind switch
    {
        "ModelDeployment" => KubernetesYaml.Deserialize<ModelDeployment>(yaml),
        "GuardPolicy" => KubernetesYaml.Deserialize<GuardPolicy>(yaml),
        _ => KubernetesYaml.Deserialize<GuardException>(yaml),
    };
}
