using AiGuard.Operator.Vulnerabilities;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// TrivyReports installs Trivy Operator's VulnerabilityReport CRD (the copy in config/third-party) and writes reports
/// shaped like Trivy Operator's: labels naming the workload (a Deployment's ReplicaSet) and container, the image's
/// registry, repository, tag and digest, and every field the published schema requires. A workload name too long for a
/// label value is written as Trivy Operator writes it: its hash in <c>trivy-operator.resource.name-hash</c> and the
/// name in the <c>trivy-operator.resource.name</c> annotation.
/// </summary>
public static class TrivyReports
{
    public const string Registry = "ghcr.io";
    public const string Repository = "acme/triton";
    public const string Tag = "24.08-py3";
    private const int MaxLabelValueLength = 63;

    public static async Task InstallCrdAsync(Kubernetes client)
    {
        var path = AiGuard.Testing.RepositoryRoot.Combine("config", "third-party", "aquasecurity.github.io_vulnerabilityreports.yaml");
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(path));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
    }

    /// <summary>One vulnerability as Trivy writes it; an empty <paramref name="fixedVersion"/> means no fix yet.</summary>
    public static Dictionary<string, object> Vulnerability(string id, string severity, string fixedVersion = "3.0.2-0ubuntu1.16") => new()
    {
        ["vulnerabilityID"] = id,
        ["severity"] = severity,
        ["resource"] = "libssl3",
        ["installedVersion"] = "3.0.2-0ubuntu1.15",
        ["fixedVersion"] = fixedVersion,
        ["title"] = "openssl: a flaw " + id,
        ["publishedDate"] = "2024-04-08T14:15:07Z",
        ["lastModifiedDate"] = "2024-05-03T13:15:21Z",
        ["primaryLink"] = "https://avd.aquasec.com/nvd/" + id.ToLowerInvariant(),
        ["score"] = 7.5,
    };

    /// <summary>
    /// A report for container <paramref name="container"/> of ReplicaSet <paramref name="workload"/> in
    /// <paramref name="ns"/> (the Trivy labels), scanning <paramref name="digest"/>.
    /// </summary>
    public static Dictionary<string, object> Report(
        string ns, string name, string workload, string digest, IEnumerable<Dictionary<string, object>> vulnerabilities,
        string container = "model", string? labelledNamespace = null, string tag = Tag)
    {
        var metadata = new Dictionary<string, object>
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = WorkloadLabels(workload, container, labelledNamespace ?? ns),
        };
        if (workload.Length > MaxLabelValueLength)
        {
            metadata["annotations"] = new Dictionary<string, string> { [TrivyWorkload.NameAnnotation] = workload };
        }

        return new()
        {
            ["apiVersion"] = VulnerabilityReport.Group + "/" + VulnerabilityReport.Version,
            ["kind"] = "VulnerabilityReport",
            ["metadata"] = metadata,
            ["report"] = new Dictionary<string, object>
            {
                ["updateTimestamp"] = "2026-11-25T09:58:00Z",
                ["scanner"] = new Dictionary<string, object> { ["name"] = "Trivy", ["vendor"] = "Aqua Security", ["version"] = "0.58.1" },
                ["registry"] = new Dictionary<string, object> { ["server"] = Registry },
                ["artifact"] = new Dictionary<string, object> { ["repository"] = Repository, ["tag"] = tag, ["digest"] = digest },
                ["os"] = new Dictionary<string, object> { ["family"] = "ubuntu", ["name"] = "22.04" },
                ["summary"] = new Dictionary<string, object> { ["criticalCount"] = 0, ["highCount"] = 0, ["mediumCount"] = 0, ["lowCount"] = 0, ["unknownCount"] = 0 },
                ["vulnerabilities"] = vulnerabilities.ToList(),
            },
        };
    }

    /// <summary>The labels of <paramref name="report"/>, to craft one Trivy would not write.</summary>
    public static Dictionary<string, string> Labels(Dictionary<string, object> report) =>
        (Dictionary<string, string>)((Dictionary<string, object>)report["metadata"])["labels"];

    private static Dictionary<string, string> WorkloadLabels(string workload, string container, string workloadNamespace)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "trivy-operator",
            [TrivyWorkload.KindLabel] = "ReplicaSet",
            [TrivyWorkload.NamespaceLabel] = workloadNamespace,
            [TrivyWorkload.ContainerLabel] = container,
            ["resource-spec-hash"] = "7d4f9c8b6",
        };
        if (workload.Length > MaxLabelValueLength)
        {
            labels[TrivyWorkload.NameHashLabel] = TrivyNameHash.Of(workload);
        }
        else
        {
            labels[TrivyWorkload.NameLabel] = workload;
        }

        return labels;
    }

    public static async Task CreateAsync(Kubernetes client, Dictionary<string, object> report)
    {
        var metadata = (Dictionary<string, object>)report["metadata"];
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            report, VulnerabilityReport.Group, VulnerabilityReport.Version, (string)metadata["namespace"], VulnerabilityReport.Plural);
    }
}
