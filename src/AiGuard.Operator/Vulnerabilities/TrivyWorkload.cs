using System.Text.RegularExpressions;
using AiGuard.Engine.Planning;
using AiGuard.Engine.Vulnerabilities;
using AiGuard.Operator.Runtime;

namespace AiGuard.Operator.Vulnerabilities;

/// <summary>
/// TrivyWorkload reads which model a VulnerabilityReport is about, from the labels Trivy Operator writes: the report
/// lies in the namespace its <c>trivy-operator.resource.namespace</c> names, its container is the model's
/// (<c>trivy-operator.container.name: model</c>), and its workload is the model's Deployment (<c>Deployment &lt;model&gt;</c>)
/// or one of its ReplicaSets (<c>ReplicaSet &lt;model&gt;-&lt;pod-template-hash&gt;</c>). The labels say which workload;
/// the engine then counts the report only for the exact image the model runs (<see cref="ImageScan.Describes"/>).
/// The managed-by label is not a filter: anyone may set it. Reports are united instead, so one a namespace user
/// writes can add findings to their own model but never hide Trivy's.
/// </summary>
public static partial class TrivyWorkload
{
    public const string KindLabel = "trivy-operator.resource.kind";
    public const string NameLabel = "trivy-operator.resource.name";
    public const string NamespaceLabel = "trivy-operator.resource.namespace";
    public const string ContainerLabel = "trivy-operator.container.name";

    /// <summary>The ModelDeployment the report's labels name, or null when they name none.</summary>
    public static ObjectKey? ModelOf(VulnerabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Metadata.Labels;
        var ns = report.Metadata.NamespaceProperty;
        if (labels is null || string.IsNullOrEmpty(ns)
            || !labels.TryGetValue(NamespaceLabel, out var workloadNamespace) || workloadNamespace != ns
            || !labels.TryGetValue(ContainerLabel, out var container) || container != Planner.ModelContainerName
            || !labels.TryGetValue(KindLabel, out var kind) || !labels.TryGetValue(NameLabel, out var name) || string.IsNullOrEmpty(name))
        {
            return null;
        }

        return kind switch
        {
            "Deployment" => new ObjectKey(ns, name),
            "ReplicaSet" when ReplicaSetName().Match(name) is { Success: true } match => new ObjectKey(ns, match.Groups["model"].Value),
            _ => null,
        };
    }

    /// <summary>The report as the engine's scan: registry and repository joined, tag and digest when given.</summary>
    public static ImageScan ToScan(VulnerabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var data = report.Report;
        var server = data?.Registry?.Server;
        var repository = data?.Artifact?.Repository ?? "";
        return new ImageScan(
            $"VulnerabilityReport {report.Metadata.NamespaceProperty}/{report.Metadata.Name}",
            string.IsNullOrEmpty(server) ? repository : server + "/" + repository,
            string.IsNullOrEmpty(data?.Artifact?.Tag) ? [] : [data.Artifact.Tag],
            string.IsNullOrEmpty(data?.Artifact?.Digest) ? [] : [data.Artifact.Digest],
            (data?.Vulnerabilities ?? [])
                .Where(v => !string.IsNullOrWhiteSpace(v.VulnerabilityId) && !string.IsNullOrWhiteSpace(v.Severity))
                .Select(v => new ImageVulnerability(v.VulnerabilityId!, v.Severity!, v.Resource ?? "", v.InstalledVersion ?? "", v.FixedVersion))
                .ToList());
    }

    // A ReplicaSet of Deployment <model> is <model>-<pod-template-hash>; the hash has no '-', so the ReplicaSets of a
    // Deployment named <model>-x (<model>-x-<hash>) never count for <model>.
    [GeneratedRegex("^(?<model>[a-z0-9]([-a-z0-9.]*[a-z0-9])?)-[a-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ReplicaSetName();
}
