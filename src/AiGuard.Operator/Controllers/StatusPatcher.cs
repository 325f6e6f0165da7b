using System.Text.Json.Nodes;
using AiGuard.Api;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// StatusPatcher writes the status subresource of AiGuard objects with a JSON merge patch that holds only the
/// difference between the stored and the new status (removed fields as null). Callers decide whether to write.
/// </summary>
public sealed class StatusPatcher(IKubernetes client)
{
    /// <summary>Patches the status of namespaced <paramref name="plural"/>/<paramref name="name"/>; returns the stored object.</summary>
    public async Task<T> PatchNamespacedAsync<T>(string plural, string @namespace, string name, object? storedStatus, object newStatus, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var patch = Body(storedStatus, newStatus);
        return await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(
            patch, ApiGroup.Group, ApiGroup.Version, @namespace, plural, name, fieldManager: ApiGroup.FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Patches the status of cluster-scoped <paramref name="plural"/>/<paramref name="name"/>; returns the stored object.</summary>
    public async Task<T> PatchClusterAsync<T>(string plural, string name, object? storedStatus, object newStatus, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var patch = Body(storedStatus, newStatus);
        return await client.CustomObjects.PatchClusterCustomObjectStatusAsync<T>(
            patch, ApiGroup.Group, ApiGroup.Version, plural, name, fieldManager: ApiGroup.FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The merge patch <c>{"status": diff}</c>.</summary>
    public static V1Patch Body(object? storedStatus, object newStatus)
    {
        var from = storedStatus is null ? null : JsonNode.Parse(KubernetesJson.Serialize(storedStatus)) as JsonObject;
        var to = JsonNode.Parse(KubernetesJson.Serialize(newStatus)) as JsonObject ?? [];
        var body = new JsonObject { ["status"] = from is null ? to : MergePatchDiff.Between(from, to) };
        return new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
