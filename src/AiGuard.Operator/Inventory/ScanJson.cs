using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AiGuard.Api.Quantities;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Inventory;

/// <summary>
/// ScanJson reads workloads for the shadow-AI scan as a projection: KubernetesClient's own settings, but each type
/// keeps only the properties <see cref="AiGuard.Engine.Inventory.InferenceWorkloadDetector"/> reads (metadata name,
/// namespace and ownerReferences, and the uid a Job's CronJob reference is checked against; the pod spec's init, app and ephemeral containers' images and resource requests
/// and limits). Everything else (labels, annotations, managedFields, env, probes, volumes, status) is skipped by the
/// reader and never materialized, so a scan of a large cluster allocates little and a crafted label map or
/// annotation costs nothing that survives. Unlike <see cref="Runtime.CacheJson"/>, it interns nothing: scanned
/// objects live for one page and belong to no cache, so their strings must not grow the caches' shared pools.
/// </summary>
internal static class ScanJson
{
    /// <summary>The JSON properties kept per type; a type not listed here is read whole (they are all small).</summary>
    internal static readonly IReadOnlyDictionary<Type, IReadOnlySet<string>> Kept = new Dictionary<Type, IReadOnlySet<string>>
    {
        [typeof(V1Deployment)] = Set("metadata", "spec"),
        [typeof(V1StatefulSet)] = Set("metadata", "spec"),
        [typeof(V1DaemonSet)] = Set("metadata", "spec"),
        [typeof(V1Pod)] = Set("metadata", "spec"),
        [typeof(V1Job)] = Set("metadata", "spec"),
        [typeof(V1CronJob)] = Set("metadata", "spec"),
        [typeof(V1DeploymentSpec)] = Set("template"),
        [typeof(V1StatefulSetSpec)] = Set("template"),
        [typeof(V1DaemonSetSpec)] = Set("template"),
        [typeof(V1JobSpec)] = Set("template"),
        [typeof(V1CronJobSpec)] = Set("jobTemplate"),
        [typeof(V1JobTemplateSpec)] = Set("spec"),
        [typeof(V1PodTemplateSpec)] = Set("spec"),
        [typeof(V1PodSpec)] = Set("containers", "initContainers", "ephemeralContainers"),
        [typeof(V1Container)] = Set("image", "resources"),
        [typeof(V1EphemeralContainer)] = Set("image"),
        [typeof(V1ResourceRequirements)] = Set("requests", "limits"),
        [typeof(V1ObjectMeta)] = Set("name", "namespace", "uid", "ownerReferences"),
        [typeof(V1ListMeta)] = Set("continue", "resourceVersion"),
    };

    private static readonly Lazy<JsonSerializerOptions> Lazy = new(Create);

    /// <summary>Serializer options for scanned list pages.</summary>
    public static JsonSerializerOptions Options => Lazy.Value;

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? kubernetes = null;
        KubernetesJson.AddJsonOptions(o => kubernetes = o);
        var options = new JsonSerializerOptions(kubernetes ?? throw new InvalidOperationException("KubernetesJson exposed no options"));
        options.Converters.Insert(0, new BoundedQuantityJsonConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Project);
        options.MakeReadOnly();
        return options;
    }

    private static void Project(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !Kept.TryGetValue(type.Type, out var kept))
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (!kept.Contains(type.Properties[i].Name))
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
