using AiGuard.Engine.Images;
using k8s.Models;

namespace AiGuard.Engine.Inventory;

/// <summary>
/// InferenceWorkloadDetector finds shadow AI: a Deployment, StatefulSet, DaemonSet, CronJob, Job or bare Pod that
/// runs a known inference server (by image repository: <see cref="InferenceServerCatalog"/> plus the GuardPolicies'
/// extra repositories) or asks for GPUs, and that no live ModelDeployment controls. Pods with any controller are left to
/// their controller (a Deployment's pods are reported as the Deployment); Deployments run by other controllers, e.g.
/// a KServe InferenceService, are reported, because nothing guards them. Pure: no I/O, the caller says which
/// ModelDeployments exist.
/// </summary>
public sealed class InferenceWorkloadDetector
{
    private readonly IReadOnlyList<string> _extraRepositories;
    private readonly Func<ModelDeploymentIdentity, bool> _isLiveModel;

    /// <summary>Creates a detector.</summary>
    /// <param name="extraImageRepositories">
    /// Repositories the GuardPolicies add (<c>spec.inventory.inferenceImages</c>), e.g. <c>ghcr.io/acme/llm-server</c>;
    /// each covers itself and everything under it. Entries that are not valid repository names are ignored (the CRD
    /// schema rejects them before they get here).
    /// </param>
    /// <param name="isLiveModel">
    /// True when a ModelDeployment with this namespace, name and uid exists. An ownerReference to anything else (a
    /// deleted model, a copied or invented uid) hides nothing.
    /// </param>
    public InferenceWorkloadDetector(IEnumerable<string> extraImageRepositories, Func<ModelDeploymentIdentity, bool> isLiveModel)
    {
        ArgumentNullException.ThrowIfNull(extraImageRepositories);
        ArgumentNullException.ThrowIfNull(isLiveModel);
        _extraRepositories = [.. extraImageRepositories
            .Select(ImageReference.NormalizeRepository)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];
        _isLiveModel = isLiveModel;
    }

    /// <summary>Creates a detector that knows exactly <paramref name="liveModels"/> as the existing ModelDeployments.</summary>
    public InferenceWorkloadDetector(IEnumerable<string> extraImageRepositories, IEnumerable<ModelDeploymentIdentity> liveModels)
        : this(extraImageRepositories, new HashSet<ModelDeploymentIdentity>(liveModels ?? throw new ArgumentNullException(nameof(liveModels))).Contains)
    {
    }

    /// <summary>The extra repositories in effect, normalized (<c>vllm-fork/server</c> is <c>docker.io/vllm-fork/server</c>).</summary>
    public IReadOnlyList<string> ExtraRepositories => _extraRepositories;

    /// <summary>
    /// The workload as shadow AI, or null when a live ModelDeployment controls it, it is a Pod with a controller, or
    /// it runs no known inference server and asks for no GPU.
    /// </summary>
    /// <param name="kind">Deployment, StatefulSet, DaemonSet, CronJob, Job or Pod.</param>
    /// <param name="metadata">The workload's metadata (name, namespace, ownerReferences).</param>
    /// <param name="spec">The pod spec (a Pod's spec, or the workload's pod template spec; a CronJob's is its job template's); null matches nothing.</param>
    public UnmanagedWorkload? Detect(string kind, V1ObjectMeta metadata, V1PodSpec? spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(metadata);
        if (spec is null)
        {
            return null;
        }

        var @namespace = string.IsNullOrEmpty(metadata.NamespaceProperty) ? EvaluationDefaults.Namespace : metadata.NamespaceProperty;
        if (ModelDeploymentControl.IsManaged(kind, metadata, @namespace, _isLiveModel))
        {
            return null;
        }

        if (kind == V1Pod.KubeKind && ModelDeploymentControl.Controller(metadata) is not null
            && ModelDeploymentControl.ClaimedModel(metadata) is null)
        {
            return null;
        }

        var images = Images(spec);
        var reasons = images.Select(ImageReason).OfType<string>().Distinct(StringComparer.Ordinal)
            .Concat(GpuRequests.Reasons(spec))
            .ToList();
        if (reasons.Count == 0)
        {
            return null;
        }

        if (ModelDeploymentControl.ClaimedModel(metadata) is { } claimed)
        {
            reasons.Add($"its ownerReference to ModelDeployment '{claimed.Name}' does not make it managed: only the Deployment named after a live ModelDeployment is");
        }

        return new UnmanagedWorkload(kind, @namespace, metadata.Name ?? "", images, reasons);
    }

    private string? ImageReason(string text)
    {
        if (!ImageReference.TryParse(text, out var image, out _))
        {
            return null;
        }

        if (InferenceServerCatalog.Match(image) is { } match)
        {
            return match.ViaMirror
                ? $"image {image.FullRepository} is {match.Server} (a mirror of {match.Repository})"
                : $"image {image.FullRepository} is {match.Server}";
        }

        return _extraRepositories.FirstOrDefault(image.IsUnder) is { } extra
            ? $"image {image.FullRepository} is under {extra} (GuardPolicy spec.inventory.inferenceImages)"
            : null;
    }

    private static List<string> Images(V1PodSpec spec) =>
        [.. (spec.InitContainers ?? []).Select(c => c?.Image)
            .Concat((spec.Containers ?? []).Select(c => c?.Image))
            .Concat((spec.EphemeralContainers ?? []).Select(c => c?.Image))
            .OfType<string>()
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)];
}
