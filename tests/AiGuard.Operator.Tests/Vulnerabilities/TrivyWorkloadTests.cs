using AiGuard.Operator.Runtime;
using AiGuard.Operator.Vulnerabilities;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Vulnerabilities;

public sealed class TrivyWorkloadTests
{
    private static VulnerabilityReport Report(string kind, string name, string container = "model", string ns = "ml-prod", string? labelledNamespace = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "r",
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string>
            {
                [TrivyWorkload.KindLabel] = kind,
                [TrivyWorkload.NameLabel] = name,
                [TrivyWorkload.NamespaceLabel] = labelledNamespace ?? ns,
                [TrivyWorkload.ContainerLabel] = container,
            },
        },
    };

    [Theory]
    [InlineData("ReplicaSet", "scorer-7c9d8f6b5", "scorer")]
    [InlineData("ReplicaSet", "scorer-canary-7c9d8f6b5", "scorer-canary")]
    [InlineData("ReplicaSet", "fraud.v2-5d8f7c9b4", "fraud.v2")]
    [InlineData("Deployment", "scorer", "scorer")]
    public void Names_the_model_whose_deployment_or_replicaset_the_labels_name(string kind, string name, string model)
    {
        Assert.Equal(new ObjectKey("ml-prod", model), TrivyWorkload.ModelOf(Report(kind, name)));
    }

    [Fact]
    public void Names_no_model_for_another_container_kind_or_namespace()
    {
        Assert.Null(TrivyWorkload.ModelOf(Report("ReplicaSet", "scorer-7c9d8f6b5", container: "istio-proxy")));
        Assert.Null(TrivyWorkload.ModelOf(Report("StatefulSet", "scorer")));
        Assert.Null(TrivyWorkload.ModelOf(Report("ReplicaSet", "scorer")));
        Assert.Null(TrivyWorkload.ModelOf(Report("ReplicaSet", "scorer-7c9d8f6b5", ns: "attacker", labelledNamespace: "ml-prod")));
        Assert.Null(TrivyWorkload.ModelOf(new VulnerabilityReport { Metadata = new V1ObjectMeta { Name = "r", NamespaceProperty = "ml-prod" } }));
    }

    [Fact]
    public void The_cached_projection_keeps_what_AIG_IMG_03_cites_and_drops_the_rest()
    {
        const string json = """
            {"apiVersion": "aquasecurity.github.io/v1alpha1", "kind": "VulnerabilityReport",
             "metadata": {"name": "replicaset-scorer-7c9d8f6b5-model", "namespace": "ml-prod", "labels": {"trivy-operator.container.name": "model"},
                          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{...huge...}"},
                          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "scorer-7c9d8f6b5", "uid": "u"}]},
             "report": {"registry": {"server": "index.docker.io"}, "artifact": {"repository": "vllm/vllm-openai", "tag": "v0.6.2", "digest": "sha256:abc"},
                        "vulnerabilities": [{"vulnerabilityID": "CVE-2024-8939", "severity": "CRITICAL", "resource": "vllm", "installedVersion": "0.6.2",
                                             "fixedVersion": "0.6.4", "title": "a very long title", "description": "pages of text", "links": ["https://a", "https://b"]}]}}
            """;

        var report = KubernetesJson.Deserialize<VulnerabilityReport>(json);
        var scan = TrivyWorkload.ToScan(report);

        Assert.Null(report.Metadata.Annotations);
        Assert.Null(report.Metadata.OwnerReferences);
        Assert.Equal("model", report.Metadata.Labels["trivy-operator.container.name"]);
        Assert.Equal("index.docker.io/vllm/vllm-openai", scan.Repository);
        Assert.Equal(["v0.6.2"], scan.Tags);
        Assert.Equal(["sha256:abc"], scan.Digests);
        var vulnerability = Assert.Single(scan.Vulnerabilities);
        Assert.Equal(new AiGuard.Engine.Vulnerabilities.ImageVulnerability("CVE-2024-8939", "CRITICAL", "vllm", "0.6.2", "0.6.4"), vulnerability);
        Assert.Equal("VulnerabilityReport ml-prod/replicaset-scorer-7c9d8f6b5-model", scan.Source);
    }
}
