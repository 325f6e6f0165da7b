using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;
using k8s.Models;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// ModelDeploymentDraft builds the ModelDeployment equivalent to a running workload: its serving container's image,
/// args, plain env, first port and resources, the workload's replicas, and the model URI read from the args (or
/// given). Everything it cannot carry over or must not copy (secret values, sidecars, volumes, a command) becomes a
/// review line instead, and the decisions only a human can make (owner, riskLevel, network) are listed too. Pure:
/// no I/O.
/// </summary>
public static class ModelDeploymentDraft
{
    private static readonly string[] OwnerKeys = ["aiguard.io/owner", "owner", "team"];

    /// <summary>Builds the draft; throws <see cref="AdoptException"/> when the workload has no container or no model URI can be found.</summary>
    /// <param name="workload">What was adopted (for messages).</param>
    /// <param name="metadata">The workload's metadata.</param>
    /// <param name="spec">Its pod spec (template spec for controllers).</param>
    /// <param name="replicas">Its replicas; null for a DaemonSet (one per node) or unset.</param>
    /// <param name="modelUri">The model URI from <c>--model-uri</c>, which wins over what the args say.</param>
    public static AdoptedModel Build(WorkloadReference workload, V1ObjectMeta metadata, V1PodSpec? spec, int? replicas, string? modelUri)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(metadata);
        var container = spec is null ? null : ServingContainer.Pick(spec);
        if (spec is null || container is null)
        {
            throw new AdoptException($"{workload} has no container to adopt");
        }

        var review = new List<string>();
        var model = new ModelSource { Uri = ModelUri(workload, container, spec, modelUri, review) };
        review.Add("spec.model.sha256: pin the artifact's SHA-256 (AIG-MOD-01), or use a uri that pins it (hf://org/name@<commit>, oci://...@sha256:...)");

        var (args, argReview) = ServingArguments.Filter(container.Args);
        var (env, envReview) = ServingEnvironment.Convert(container);
        review.AddRange(argReview);
        review.AddRange(envReview);

        var serving = new ServingSpec
        {
            Image = container.Image ?? "",
            Replicas = replicas,
            Port = container.Ports?.FirstOrDefault(p => p is { ContainerPort: > 0 and <= 65535 })?.ContainerPort,
            Args = args.Count > 0 ? args : null,
            Env = env.Count > 0 ? env : null,
            Resources = Resources(container.Resources),
        };
        if (serving.Port is null)
        {
            review.Add($"spec.serving.port: {workload} declares no container port; the default {ServingSpec.DefaultPort} is used");
        }

        if (workload.Kind == V1DaemonSet.KubeKind)
        {
            review.Add("spec.serving.replicas: a DaemonSet runs one pod per node; a ModelDeployment runs a fixed number (default 1)");
        }

        review.AddRange(Omissions(workload, spec, container));
        var owner = Owner(metadata);
        review.Insert(0, owner is null
            ? "spec.owner: set the accountable person or team (no owner or team label was found)"
            : $"spec.owner: taken from the workload's labels or annotations ('{CommentText.Sanitize(owner, 60)}'); confirm it");
        review.Insert(1, "spec.riskLevel: classify the use case (minimal, limited or high); without it AIG-GOV-01 fails");
        review.Insert(2, "spec.network: none is declared, so only same-namespace pods labelled "
            + $"{ApiGroup.ClientOfLabel}={metadata.Name} may call the model and it may connect nowhere but DNS: add the callers and destinations it needs");
        if (!KubernetesNames.IsDnsLabel(metadata.Name))
        {
            review.Add("metadata.name: the operator names the model's Service after it, which needs a DNS label (at most 63 characters, no '.'): rename it");
        }

        review.Add($"switching over: the operator will not take over {workload} (it reports NameConflict while an object it does not control holds the name); "
            + "delete the original when the ModelDeployment is ready to replace it, or rename metadata.name");

        return new AdoptedModel(new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = metadata.Name, NamespaceProperty = metadata.NamespaceProperty },
            Spec = new ModelDeploymentSpec { Owner = owner, Model = model, Serving = serving },
        }, review);
    }

    private static string ModelUri(WorkloadReference workload, V1Container container, V1PodSpec spec, string? given, List<string> review)
    {
        if (!string.IsNullOrEmpty(given))
        {
            review.Add("spec.model.uri: given with --model-uri");
            return given;
        }

        if (ModelUriDerivation.Derive(container, spec.Volumes) is { } derived)
        {
            review.Add($"spec.model.uri: read from the container's {derived.Source}; confirm it names the artifact");
            return derived.Uri;
        }

        throw new AdoptException(
            $"cannot tell which model {workload} serves (no --model, --model-id, -m or MODEL_ID naming a URI, a Hugging Face id or a file on a PersistentVolumeClaim): "
            + "pass --model-uri, e.g. --model-uri hf://org/name or --model-uri s3://bucket/path");
    }

    private static IEnumerable<string> Omissions(WorkloadReference workload, V1PodSpec spec, V1Container serving)
    {
        if (serving.Command is { Count: > 0 })
        {
            yield return "the container's command was not carried over: a ModelDeployment runs the image's entrypoint with spec.serving.args; check the server still starts";
        }

        var others = (spec.Containers ?? []).Where(c => c is not null && !ReferenceEquals(c, serving)).Select(c => CommentText.Sanitize(c.Name ?? "", 60)).ToList();
        if (others.Count > 0)
        {
            yield return $"containers {string.Join(", ", others)} of {workload} were not carried over: a ModelDeployment runs the serving container only";
        }

        if (spec.InitContainers is { Count: > 0 } init)
        {
            yield return $"init containers {string.Join(", ", init.Select(c => CommentText.Sanitize(c?.Name ?? "", 60)))} were not carried over";
        }

        var volumes = (spec.Volumes ?? []).Where(v => v?.PersistentVolumeClaim is null && v?.Secret is null).Select(v => CommentText.Sanitize(v?.Name ?? "", 60)).ToList();
        if (volumes.Count > 0)
        {
            yield return $"volumes {string.Join(", ", volumes)} were not carried over: the model's pods get a writable /tmp and the files of spec.secrets only";
        }

        if (spec.Volumes?.Any(v => v?.Secret is not null) == true)
        {
            yield return "Secret volumes were not carried over: add them under spec.secrets (sealed, mounted read-only)";
        }

        if (spec.HostNetwork == true || spec.HostPID == true || spec.HostIPC == true || serving.SecurityContext?.Privileged == true
            || serving.SecurityContext?.RunAsUser == 0 || spec.SecurityContext?.RunAsUser == 0)
        {
            yield return "the workload ran with host namespaces, privileges or as root: the ModelDeployment runs it non-root, unprivileged, with a read-only root filesystem; test that the server starts";
        }
    }

    private static ResourceRequirementsSpec? Resources(V1ResourceRequirements? resources) =>
        resources is null || ((resources.Limits?.Count ?? 0) == 0 && (resources.Requests?.Count ?? 0) == 0)
            ? null
            : new ResourceRequirementsSpec
            {
                Limits = resources.Limits is { Count: > 0 } limits ? new Dictionary<string, ResourceQuantity>(limits) : null,
                Requests = resources.Requests is { Count: > 0 } requests ? new Dictionary<string, ResourceQuantity>(requests) : null,
            };

    private static string? Owner(V1ObjectMeta metadata) =>
        OwnerKeys.Select(k => Lookup(metadata.Labels, k) ?? Lookup(metadata.Annotations, k))
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 253);

    private static string? Lookup(IDictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;
}
