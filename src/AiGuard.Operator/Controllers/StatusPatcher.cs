using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// StatusPatcher writes the status subresource of AiGuard objects with a JSON merge patch that holds only the
/// difference between the stored and the new status (removed fields as null). Callers decide whether to write.
/// </summary>
public sealed class StatusPatcher(Kubernetes client)
{
    private static readonly string FieldManagerParameter = $"fieldManager={Uri.EscapeDataString(ApiGroup.FieldManager)}";

    /// <summary>Patches the status of namespaced <paramref name="plural"/>/<paramref name="name"/>; returns the stored object.</summary>
    public Task<T> PatchNamespacedAsync<T>(string plural, string @namespace, string name, object? storedStatus, object newStatus, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        PatchNamespacedAsync<T>(plural, @namespace, name, Body(storedStatus, newStatus), cancellationToken);

    /// <summary>Writes <paramref name="patch"/> (from <see cref="Body"/> or <see cref="BodyUnlessOnly"/>) to the status of namespaced
    /// <paramref name="plural"/>/<paramref name="name"/>; returns the stored object.</summary>
    public async Task<T> PatchNamespacedAsync<T>(string plural, string @namespace, string name, V1Patch patch, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        return await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(
            patch, ApiGroup.Group, ApiGroup.Version, @namespace, plural, name, fieldManager: ApiGroup.FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="patch"/> to the status of namespaced <paramref name="resource"/>/<paramref name="name"/>
    /// and returns the answer unparsed: a caller that needs only part of the stored object reads that part, instead of
    /// building a typed object with its managedFields for every status write.
    /// </summary>
    /// <exception cref="k8s.Autorest.HttpOperationException">The server refused the patch (as the generated calls throw it).</exception>
    public async Task<byte[]> PatchNamespacedUtf8Async(ApiResource resource, string @namespace, string name, V1Patch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Type != V1Patch.PatchType.MergePatch || patch.Content is not string body)
        {
            throw new ArgumentException($"expected a merge patch as text (from {nameof(Body)} or {nameof(BodyUnlessOnly)}), got a {patch.Type}", nameof(patch));
        }

        using var request = ApiRequests.Create(
            client, HttpMethod.Patch, $"{resource.CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}/status", [FieldManagerParameter]);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json") { CharSet = "utf-8" };
        return await ApiRequests.AnswerAsync(client, request, cancellationToken).ConfigureAwait(false);
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
    public static V1Patch Body(object? storedStatus, object newStatus) => Wrap(Diff(storedStatus, newStatus));

    /// <summary>
    /// The merge patch from <paramref name="storedStatus"/> to <paramref name="newStatus"/>, or null when they differ
    /// in <paramref name="ignored"/> alone (a timestamp that is no reason to write). Deciding from the patch itself
    /// serializes each status once per reconcile, instead of once to compare and again to build the patch.
    /// </summary>
    public static V1Patch? BodyUnlessOnly(object? storedStatus, object newStatus, string ignored)
    {
        var diff = Diff(storedStatus, newStatus);
        return storedStatus is not null && diff.All(field => field.Key == ignored) ? null : Wrap(diff);
    }

    private static JsonObject Diff(object? storedStatus, object newStatus)
    {
        // Written straight into trees with KubernetesClient's settings: no JSON text to build and parse again.
        var from = storedStatus is null ? null : JsonSerializer.SerializeToNode(storedStatus, storedStatus.GetType(), KubernetesJsonOptions.Shared) as JsonObject;
        var to = JsonSerializer.SerializeToNode(newStatus, newStatus.GetType(), KubernetesJsonOptions.Shared) as JsonObject ?? [];
        return from is null ? to : MergePatchDiff.Between(from, to);
    }

    private static V1Patch Wrap(JsonObject status) => new(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch);
}
