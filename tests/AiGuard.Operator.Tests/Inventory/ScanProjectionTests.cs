using System.Text.Json;
using AiGuard.Engine;
using AiGuard.Engine.Inventory;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Inventory;

/// <summary>
/// The scan reads a projection of each workload; the detector must reach the same verdict on it as on the full
/// object, and the projection must keep nothing else (no labels, annotations, managedFields, env) and pool nothing.
/// </summary>
public sealed class ScanProjectionTests
{
    private static readonly ModelDeploymentIdentity LiveModel = new("ml", "scorer", "uid-live");
    private static readonly InferenceWorkloadDetector Detector = new(["ghcr.io/acme/llm-server"], [LiveModel]);

    // The shapes of the detector's own tests (InferenceWorkloadDetectorTests, InferenceWorkloadHidingTests).
    private static readonly string[] Images =
    [
        "vllm/vllm-openai:v0.6.4", "nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3", "harbor.acme.io/dockerhub/vllm/vllm-openai:v0.6.4",
        "ghcr.io/acme/llm-server:1.0", "ghcr.io/acme/llm-server-evil:1", "nginx:1.27", "not a valid image!!",
    ];

    private static readonly (string Name, string Quantity)[] Resources =
        [("nvidia.com/gpu", "1"), ("nvidia.com/gpu", "0"), ("amd.com/gpu", "2"), ("nvidia.com/mig-1g.5gb", "1"), ("example.com/gpu", "1"), ("cpu", "500m")];

    private static readonly Func<V1OwnerReference[]>[] Owners =
    [
        () => [],
        () => [ModelOwner("scorer", "uid-live")],
        () => [ModelOwner("scorer", "uid-copied")],
        () => [ModelOwner("scorer", "uid-live", "evil.io/v1alpha1")],
        () => [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "uid-rs", Controller = true }],
        () => [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "uid-rs", Controller = false }, ModelOwner("scorer", "uid-live")],
    ];

    [Fact]
    public void The_detector_reaches_the_same_verdict_on_the_projection_as_on_the_full_object()
    {
        var cases = 0;
        var reported = 0;
        foreach (var kind in new[] { "Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "Pod" })
        {
            foreach (var name in new[] { "scorer", "w" })
            {
                for (var o = 0; o < Owners.Length; o++)
                {
                    foreach (var spec in Specs())
                    {
                        var json = KubernetesJson.Serialize(Workload(kind, name, Owners[o](), spec));
                        // The full object as the scan read it before: every field, through the caches' reader.
                        var full = Verdict(kind, JsonSerializer.Deserialize(json, TypeOf(kind), CacheJson.Options)!);
                        var projected = Verdict(kind, JsonSerializer.Deserialize(json, TypeOf(kind), ScanJson.Options)!);

                        Assert.Equal(full, projected);
                        cases++;
                        reported += full is null ? 0 : 1;
                    }
                }
            }
        }

        // Both verdicts occur, so the comparison is not vacuous.
        Assert.InRange(reported, 1, cases - 1);
    }

    [Fact]
    public void The_projection_keeps_only_what_the_detector_reads()
    {
        var spec = Specs().Last();
        var json = KubernetesJson.Serialize(Workload("Deployment", "w", [ModelOwner("scorer", "uid-live")], spec));

        var projected = JsonSerializer.Deserialize<V1Deployment>(json, ScanJson.Options)!;

        Assert.Equal(("w", "ml", "scorer"), (projected.Metadata.Name, projected.Metadata.NamespaceProperty, projected.Metadata.OwnerReferences.Single().Name));
        Assert.Null(projected.Metadata.Labels);
        Assert.Null(projected.Metadata.Annotations);
        Assert.Null(projected.Metadata.ManagedFields);
        Assert.Null(projected.Status);
        Assert.Null(projected.Spec.Selector);
        Assert.Null(projected.Spec.Template.Metadata);
        var container = projected.Spec.Template.Spec.Containers.Single();
        Assert.Equal(("app", null, null), (container.Image, container.Env, container.Command));
        Assert.Null(container.Name);
        Assert.Null(projected.Spec.Template.Spec.Volumes);
        Assert.Equal("1", projected.Spec.Template.Spec.InitContainers.Single().Resources.Limits["nvidia.com/gpu"].ToString());
    }

    [Fact]
    public void The_projection_of_a_cron_job_keeps_its_job_templates_pod_spec_and_its_uid_only()
    {
        var json = KubernetesJson.Serialize(Workload("CronJob", "nightly", [], Specs().First()));

        var projected = JsonSerializer.Deserialize<V1CronJob>(json, ScanJson.Options)!;

        Assert.Equal(("nightly", "uid-nightly"), (projected.Metadata.Name, projected.Metadata.Uid));
        Assert.Null(projected.Metadata.Labels);
        Assert.Null(projected.Spec.Schedule);
        Assert.Null(projected.Spec.JobTemplate.Metadata);
        Assert.Equal("vllm/vllm-openai:v0.6.4", projected.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Image);
        Assert.Null(projected.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Env);
    }

    [Fact]
    public void Scanned_strings_are_not_interned_into_the_caches_pool()
    {
        var name = "scan-only-" + Guid.NewGuid().ToString("N");
        var json = KubernetesJson.Serialize(Workload("Pod", name, [], Specs().First()));

        var projected = JsonSerializer.Deserialize<V1Pod>(json, ScanJson.Options)!;

        // Had the scan pooled the name, the pool would hand back the scanned instance for an equal string.
        Assert.NotSame(projected.Metadata.Name, CacheJson.Strings.Intern(new string(name.AsSpan())));
    }

    private static UnmanagedWorkload? Verdict(string kind, object workload)
    {
        var (metadata, spec) = workload switch
        {
            V1Deployment d => (d.Metadata, d.Spec?.Template?.Spec),
            V1StatefulSet s => (s.Metadata, s.Spec?.Template?.Spec),
            V1DaemonSet d => (d.Metadata, d.Spec?.Template?.Spec),
            V1CronJob c => (c.Metadata, c.Spec?.JobTemplate?.Spec?.Template?.Spec),
            V1Job j => (j.Metadata, j.Spec?.Template?.Spec),
            V1Pod p => (p.Metadata, p.Spec),
            _ => throw new ArgumentException(kind),
        };
        return Detector.Detect(kind, metadata, spec);
    }

    private static Type TypeOf(string kind) => kind switch
    {
        "Deployment" => typeof(V1Deployment),
        "StatefulSet" => typeof(V1StatefulSet),
        "DaemonSet" => typeof(V1DaemonSet),
        "CronJob" => typeof(V1CronJob),
        "Job" => typeof(V1Job),
        _ => typeof(V1Pod),
    };

    private static IEnumerable<V1PodSpec> Specs()
    {
        foreach (var image in Images)
        {
            yield return new V1PodSpec { Containers = [Container("app", image)] };
            yield return new V1PodSpec { Containers = [Container("app", "nginx")], InitContainers = [Container("warm", image)] };
            yield return new V1PodSpec
            {
                Containers = [Container("app", "nginx"), Container("again", "nginx")],
                EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = image, Env = [new V1EnvVar { Name = "E", Value = "v" }] }],
            };
        }

        foreach (var (resource, quantity) in Resources)
        {
            foreach (var where in new[] { "requests", "limits", "both" })
            {
                var amounts = new Dictionary<string, ResourceQuantity> { [resource] = new(quantity), ["memory"] = new("1Gi") };
                var container = Container("app", "ghcr.io/acme/app:1");
                container.Resources = new V1ResourceRequirements
                {
                    Requests = where is "requests" or "both" ? amounts : null,
                    Limits = where is "limits" or "both" ? amounts : null,
                };
                yield return new V1PodSpec { Containers = [container] };
            }
        }

        var init = Container("app", "app");
        init.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } };
        yield return new V1PodSpec
        {
            Containers = [Container("app", "app")],
            InitContainers = [init],
            Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }],
        };
    }

    private static V1Container Container(string name, string image) => new()
    {
        Name = name,
        Image = image,
        Command = ["serve", "--port", "8000"],
        Env = [new V1EnvVar { Name = "TOKEN", Value = "not-kept" }],
        Ports = [new V1ContainerPort { ContainerPort = 8000 }],
        ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/health", Port = 8000 } },
    };

    private static object Workload(string kind, string name, V1OwnerReference[] owners, V1PodSpec spec)
    {
        var metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ml",
            Uid = "uid-" + name,
            Labels = new Dictionary<string, string> { ["app"] = name },
            Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}" },
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }],
            OwnerReferences = owners.Length == 0 ? null : owners,
        };
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } };
        var template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = selector.MatchLabels }, Spec = spec };
        return kind switch
        {
            "Deployment" => new V1Deployment { ApiVersion = "apps/v1", Kind = kind, Metadata = metadata, Spec = new V1DeploymentSpec { Selector = selector, Template = template }, Status = new V1DeploymentStatus { Replicas = 1 } },
            "StatefulSet" => new V1StatefulSet { ApiVersion = "apps/v1", Kind = kind, Metadata = metadata, Spec = new V1StatefulSetSpec { Selector = selector, Template = template } },
            "DaemonSet" => new V1DaemonSet { ApiVersion = "apps/v1", Kind = kind, Metadata = metadata, Spec = new V1DaemonSetSpec { Selector = selector, Template = template } },
            "CronJob" => new V1CronJob { ApiVersion = "batch/v1", Kind = kind, Metadata = metadata, Spec = new V1CronJobSpec { Schedule = "0 2 * * *", JobTemplate = new V1JobTemplateSpec { Metadata = new V1ObjectMeta { Labels = selector.MatchLabels }, Spec = new V1JobSpec { Template = template } } } },
            "Job" => new V1Job { ApiVersion = "batch/v1", Kind = kind, Metadata = metadata, Spec = new V1JobSpec { Selector = selector, Template = template }, Status = new V1JobStatus { Active = 1 } },
            _ => new V1Pod { ApiVersion = "v1", Kind = kind, Metadata = metadata, Spec = spec, Status = new V1PodStatus { Phase = "Running" } },
        };
    }

    private static V1OwnerReference ModelOwner(string name, string uid, string apiVersion = "aiguard.io/v1alpha1") =>
        new() { ApiVersion = apiVersion, Kind = "ModelDeployment", Name = name, Uid = uid, Controller = true };
}
