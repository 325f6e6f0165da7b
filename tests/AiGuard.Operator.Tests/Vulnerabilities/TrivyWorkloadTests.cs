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

    // 60 characters: its ReplicaSet's name (71) is too long for a label value, so Trivy hashes it.
    private const string LongModel = "credit-risk-scoring-transformer-ensemble-calibrated-model-v2";

    /// <summary>A report as Trivy Operator writes it for a workload name too long for a label: hash label, name annotation.</summary>
    private static VulnerabilityReport HashedReport(string kind, string? annotatedName, string? hash, string ns = "ml-prod")
    {
        var labels = new Dictionary<string, string>
        {
            [TrivyWorkload.KindLabel] = kind,
            [TrivyWorkload.NamespaceLabel] = ns,
            [TrivyWorkload.ContainerLabel] = "model",
        };
        if (hash is not null)
        {
            labels[TrivyWorkload.NameHashLabel] = hash;
        }

        return new VulnerabilityReport
        {
            Metadata = new V1ObjectMeta
            {
                Name = "replicaset-" + TrivyNameHash.Of((annotatedName ?? "") + "-model"),
                NamespaceProperty = ns,
                Labels = labels,
                Annotations = annotatedName is null ? null : new Dictionary<string, string> { [TrivyWorkload.NameAnnotation] = annotatedName },
            },
        };
    }

    [Theory]
    [InlineData("system:controller:token-cleaner", "868458b9d6")] // Trivy Operator's documented RbacAssessmentReport sample
    [InlineData("system:controller:persistent-volume-binder", "7c4d8f665")]
    public void The_name_hash_is_the_one_Trivy_Operator_writes(string name, string hash)
    {
        Assert.Equal(hash, TrivyNameHash.Of(name));
    }

    [Fact]
    public void A_replicaset_name_too_long_for_a_label_is_read_from_the_annotation_its_hash_label_confirms()
    {
        const string replicaSet = LongModel + "-7c9d8f6b5";

        Assert.Equal(new ObjectKey("ml-prod", LongModel), TrivyWorkload.ModelOf(HashedReport("ReplicaSet", replicaSet, TrivyNameHash.Of(replicaSet))));
    }

    [Fact]
    public void The_annotation_and_hash_survive_the_cached_projection()
    {
        const string replicaSet = LongModel + "-7c9d8f6b5";
        var json = $$$"""
            {"apiVersion": "aquasecurity.github.io/v1alpha1", "kind": "VulnerabilityReport",
             "metadata": {"name": "replicaset-{{{TrivyNameHash.Of(replicaSet + "-model")}}}", "namespace": "ml-prod",
                          "labels": {"trivy-operator.resource.kind": "ReplicaSet", "trivy-operator.resource.namespace": "ml-prod",
                                     "trivy-operator.container.name": "model", "trivy-operator.resource.name-hash": "{{{TrivyNameHash.Of(replicaSet)}}}"},
                          "annotations": {"trivy-operator.resource.name": "{{{replicaSet}}}", "kubectl.kubernetes.io/last-applied-configuration": "{...}"}}
            }
            """;

        var report = KubernetesJson.Deserialize<VulnerabilityReport>(json);

        Assert.Equal([TrivyWorkload.NameAnnotation], report.Metadata.Annotations.Keys);
        Assert.Equal(new ObjectKey("ml-prod", LongModel), TrivyWorkload.ModelOf(report));
    }

    [Fact]
    public void A_long_report_for_one_model_never_counts_for_another_sharing_its_prefix()
    {
        // Model B is LongModel; model A is B's name plus "-canary", so A's ReplicaSet name starts with B's.
        const string replicaSetOfA = LongModel + "-canary-7c9d8f6b5";

        var model = TrivyWorkload.ModelOf(HashedReport("ReplicaSet", replicaSetOfA, TrivyNameHash.Of(replicaSetOfA)));

        Assert.Equal(new ObjectKey("ml-prod", LongModel + "-canary"), model);
        Assert.NotEqual(new ObjectKey("ml-prod", LongModel), model);
    }

    [Fact]
    public void A_hash_label_that_does_not_confirm_the_annotated_name_names_no_model()
    {
        const string replicaSetOfA = LongModel + "-canary-7c9d8f6b5";
        const string replicaSetOfB = LongModel + "-7c9d8f6b5";

        // The hash of B's ReplicaSet under A's name, or A's hash under B's name: a claimed collision is refused.
        Assert.Null(TrivyWorkload.ModelOf(HashedReport("ReplicaSet", replicaSetOfB, TrivyNameHash.Of(replicaSetOfA))));
        Assert.Null(TrivyWorkload.ModelOf(HashedReport("ReplicaSet", replicaSetOfA, TrivyNameHash.Of(replicaSetOfB))));
        // The 32-bit hash alone never names a workload, even when it is the right one.
        Assert.Null(TrivyWorkload.ModelOf(HashedReport("ReplicaSet", null, TrivyNameHash.Of(replicaSetOfB))));
        // A name annotation without the hash label Trivy writes with it.
        Assert.Null(TrivyWorkload.ModelOf(HashedReport("ReplicaSet", replicaSetOfB, null)));
        // A name Trivy would have put in the label, and one that is no object name, are never read from the annotation.
        Assert.Null(TrivyWorkload.ModelOf(HashedReport("ReplicaSet", "scorer-7c9d8f6b5", TrivyNameHash.Of("scorer-7c9d8f6b5"))));
        var notAName = LongModel.ToUpperInvariant() + "-7c9d8f6b5";
        Assert.Null(TrivyWorkload.ModelOf(HashedReport("ReplicaSet", notAName, TrivyNameHash.Of(notAName))));
        // The annotated ReplicaSet must still be in the labelled namespace.
        var elsewhere = HashedReport("ReplicaSet", replicaSetOfB, TrivyNameHash.Of(replicaSetOfB));
        elsewhere.Metadata.NamespaceProperty = "attacker";
        Assert.Null(TrivyWorkload.ModelOf(elsewhere));
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
