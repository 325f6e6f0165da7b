using System.Net.Http.Headers;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// ObjectCreator creates objects with a POST whose answer is not turned back into an object: the sent object gets the
/// metadata the server assigned (<see cref="AssignedMetadata"/>) and stands for the stored one. The body is written
/// once, as UTF-8, with KubernetesClient's settings. Failures throw what KubernetesClient's generated calls throw
/// (<see cref="HttpOperationException"/> with the status code, headers and Status body), so callers sort them the same
/// way; the exception never carries the request body, which for a Secret holds secret data.
/// </summary>
public sealed class ObjectCreator(Kubernetes client, string fieldManager)
{
    private readonly string _fieldManagerParameter = $"fieldManager={Uri.EscapeDataString(fieldManager)}";

    /// <summary>
    /// POSTs <paramref name="obj"/> to <paramref name="resource"/> in <paramref name="namespace"/> and returns it with the
    /// server's resourceVersion, uid, generation and creationTimestamp set (the object is changed in place: pass one
    /// built for this write).
    /// </summary>
    public async Task<T> CreateAsync<T>(T obj, ApiResource resource, string @namespace, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(resource);
        using var request = ApiRequests.Create(client, HttpMethod.Post, resource.CollectionPath(@namespace), [_fieldManagerParameter]);
        request.Content = new ByteArrayContent(KubernetesJsonOptions.Utf8(obj));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var answer = await ApiRequests.AnswerAsync(client, request, cancellationToken).ConfigureAwait(false);
        try
        {
            AssignedMetadata.CopyTo(answer, obj.Metadata);
        }
        catch (JsonException e)
        {
            throw new KubernetesApiException($"POST /{resource.CollectionPath(@namespace)} answered a success without a readable object: {e.Message}", e);
        }

        return obj;
    }
}
