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
/// <para>
/// A workload name longer than a label value allows (63 characters: a ReplicaSet of a model named with more than
/// ~52) is written differently. Trivy Operator's <c>kube.ObjectToObjectMeta</c> (aquasecurity/trivy-operator
/// <c>pkg/kube/object.go</c>, used by <c>ReportBuilder.Get</c> in <c>pkg/vulnerabilityreport/builder.go</c>) then
/// drops the name label, writes <c>trivy-operator.resource.name-hash: &lt;ComputeHash(name)&gt;</c> instead, and puts
/// the full name in the annotation <c>trivy-operator.resource.name</c>; its own <c>ObjectRefFromObjectMeta</c> reads
/// the name back from that annotation. The report is then named <c>replicaset-&lt;ComputeHash(name-container)&gt;</c>
/// and, as always, has a controller ownerReference to the ReplicaSet. So such a report counts for the model its
/// annotation names, and only when the annotation is a name Trivy would have hashed (longer than 63 characters, at
/// most 253) and the hash label is that name's hash (<see cref="TrivyNameHash"/>): the 32-bit hash is never read on
/// its own, because a colliding value can be found on purpose. The name then goes through the same Deployment and
/// ReplicaSet rules as a labelled one, so a report of <c>&lt;a&gt;-&lt;hash&gt;</c> never counts for a model whose name
/// merely shares a prefix. A report that fails these checks counts for no model: Trivy Operator never writes one,
/// so refusing it hides none of Trivy's findings, and the controls give no rule that fails a model for a report
/// that is missing or unreadable.
/// </para>
/// </summary>
public static partial class TrivyWorkload
{
    public const string KindLabel = "trivy-operator.resource.kind";
    public const string NameLabel = "trivy-operator.resource.name";
    public const string NamespaceLabel = "trivy-operator.resource.namespace";
    public const string ContainerLabel = "trivy-operator.container.name";

    /// <summary>The label Trivy Operator writes instead of <see cref="NameLabel"/> when the name is too long for one.</summary>
    public const string NameHashLabel = "trivy-operator.resource.name-hash";

    /// <summary>The annotation (same key as the label) that then carries the full workload name.</summary>
    public const string NameAnnotation = NameLabel;

    private const int MaxLabelValueLength = 63;
    private const int MaxObjectNameLength = 253;

    /// <summary>The ModelDeployment the report's labels name, or null when they name none.</summary>
    public static ObjectKey? ModelOf(VulnerabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Metadata.Labels;
        var ns = report.Metadata.NamespaceProperty;
        if (labels is null || string.IsNullOrEmpty(ns)
            || !labels.TryGetValue(NamespaceLabel, out var workloadNamespace) || workloadNamespace != ns
            || !labels.TryGetValue(ContainerLabel, out var container) || container != Planner.ModelContainerName
            || !labels.TryGetValue(KindLabel, out var kind) || WorkloadName(labels, report.Metadata.Annotations) is not { } name)
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

    /// <summary>
    /// The workload name: the name label when Trivy could write it, else the name annotation when it is a name Trivy
    /// had to hash and the hash label matches it; null otherwise. Its characters are checked by the kind's rule below
    /// (a ReplicaSet name must be <c>&lt;model&gt;-&lt;hash&gt;</c>; a Deployment name must equal a model's).
    /// </summary>
    private static string? WorkloadName(IDictionary<string, string> labels, IDictionary<string, string>? annotations)
    {
        if (labels.TryGetValue(NameLabel, out var labelled))
        {
            return string.IsNullOrEmpty(labelled) ? null : labelled;
        }

        return annotations is not null && annotations.TryGetValue(NameAnnotation, out var name)
            && name.Length is > MaxLabelValueLength and <= MaxObjectNameLength
            && labels.TryGetValue(NameHashLabel, out var hash) && hash == TrivyNameHash.Of(name)
            ? name
            : null;
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
    [GeneratedRegex("^(?<model>[a-z0-9]([-a-z0-9.]*[a-z0-9])?)-[a-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReplicaSetName();
}
