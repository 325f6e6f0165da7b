using System.Text.Json;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Runtime;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// WrittenStatus turns the answer of a ModelDeployment status patch into the object <see cref="RecentWrites{T}"/>
/// remembers until the watch delivers it. The answer is the stored object, but what the next reconcile reads of it
/// is the model it patched plus the status it wrote: when the answer's metadata shows that nothing else changed in
/// between (same uid and generation, so the same spec; the same labels and annotations, which the engine reads; not
/// being deleted), that object is built from the model and the status, with the answer's resourceVersion, and the
/// answer's managedFields and spec are never parsed (a cold start parsed one full answer per model). Anything else
/// reads the whole answer, as KubernetesClient would.
/// </summary>
internal static class WrittenStatus
{
    /// <summary>The stored object <paramref name="answer"/> stands for, after <paramref name="status"/> was written to <paramref name="model"/>.</summary>
    /// <exception cref="KubernetesApiException">The answer is not a ModelDeployment.</exception>
    public static ModelDeployment Stored(ModelDeployment model, ModelDeploymentStatus status, byte[] answer)
    {
        try
        {
            var stored = new V1ObjectMeta();
            AssignedMetadata.CopyTo(answer, stored, withLabels: true);
            if (stored.Uid == model.Metadata.Uid
                && stored.Generation == model.Metadata.Generation
                && stored.DeletionTimestamp is null
                && model.Metadata.DeletionTimestamp is null
                && SameMap(stored.Labels, model.Metadata.Labels)
                && SameMap(stored.Annotations, model.Metadata.Annotations))
            {
                return new ModelDeployment
                {
                    ApiVersion = model.ApiVersion,
                    Kind = model.Kind,
                    Metadata = WithVersion(model.Metadata, stored.ResourceVersion),
                    Spec = model.Spec,
                    Status = status,
                };
            }

            return JsonSerializer.Deserialize<ModelDeployment>(answer, KubernetesJsonOptions.Shared)
                ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new KubernetesApiException($"the status patch of ModelDeployment {model.Metadata.NamespaceProperty}/{model.Metadata.Name} answered a success without a readable object: {e.Message}", e);
        }
    }

    // Absent and empty maps are the same to the engine and to the API server.
    private static bool SameMap(IDictionary<string, string>? stored, IDictionary<string, string>? model)
    {
        if ((stored?.Count ?? 0) != (model?.Count ?? 0))
        {
            return false;
        }

        if (stored is null || model is null)
        {
            return true; // both empty
        }

        foreach (var (key, value) in stored)
        {
            if (!model.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Cached objects are read-only by contract: the copy shares their maps and lists and changes only its own version.
    private static V1ObjectMeta WithVersion(V1ObjectMeta metadata, string resourceVersion) => new()
    {
        Annotations = metadata.Annotations,
        CreationTimestamp = metadata.CreationTimestamp,
        DeletionGracePeriodSeconds = metadata.DeletionGracePeriodSeconds,
        DeletionTimestamp = metadata.DeletionTimestamp,
        Finalizers = metadata.Finalizers,
        GenerateName = metadata.GenerateName,
        Generation = metadata.Generation,
        Labels = metadata.Labels,
        ManagedFields = metadata.ManagedFields,
        Name = metadata.Name,
        NamespaceProperty = metadata.NamespaceProperty,
        OwnerReferences = metadata.OwnerReferences,
        ResourceVersion = resourceVersion,
        SelfLink = metadata.SelfLink,
        Uid = metadata.Uid,
    };
}
