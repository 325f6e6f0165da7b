using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Runtime.Readability;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// The same one-field edge changes as <see cref="SchemaAdmittedObjectsAreReadableTests"/>, written through the
/// sandbox's own admission path over HTTP (create, and the status subresource for status fields), so what is read is
/// what the API server returns after pruning and defaulting: each write's response is read with CacheJson and
/// KubernetesJson, and the operator's own LIST (<see cref="KubernetesListWatchClient{T}"/>) must read every stored object.
/// </summary>
public sealed class SandboxStoredObjectsAreReadableTests : IAsyncLifetime
{
    private const string Namespace = "ml";

    private SandboxServer? _server;
    private Kubernetes? _client;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync();
        _client = _server.CreateClient();
        _http = _server.CreateHttpClient();
        await OperatorHarness.InstallCrdsAsync(_client);
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("ModelDeployment")]
    [InlineData("GuardPolicy")]
    [InlineData("GuardException")]
    public async Task Every_object_the_sandbox_stores_is_read_back_and_listed(string kind)
    {
        var admission = SchemaAdmission.For(kind);
        var (seedName, seed) = CrdSeeds.For(kind).First();
        var collection = kind == "GuardPolicy"
            ? $"apis/{ApiGroup.GroupVersion}/{GuardPolicy.Plural}"
            : $"apis/{ApiGroup.GroupVersion}/namespaces/{Namespace}/{(kind == "ModelDeployment" ? ModelDeployment.Plural : GuardException.Plural)}";
        var failures = new List<string>();
        var stored = 0;
        var index = 0;
        foreach (var mutation in SchemaMutations.Of(seed, admission.Source))
        {
            var obj = mutation.ApplyTo(seed);
            if (admission.Store(obj.DeepClone().AsObject()) is null)
            {
                continue;
            }

            var name = $"edge-{index++}";
            if (await WriteAsync(collection, name, kind != "GuardPolicy", obj, mutation.Segments[0] is "status") is not { } response)
            {
                // The API server checks label syntax (ObjectMeta validation), not the CRD schema: only a spec or
                // status change the schema admits must be stored.
                if (mutation.Segments[0] is "metadata")
                {
                    continue;
                }

                failures.Add($"{mutation} [seed '{seedName}']: the schema admits it, the sandbox refused it");
                continue;
            }

            stored++;
            if (TypedRead.Failure(kind, response) is { } error)
            {
                failures.Add($"{mutation} [seed '{seedName}']: the sandbox's answer is unreadable: {error}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join('\n', failures.Take(40))}");
        Assert.True(stored > 200, $"only {stored} edge objects were stored");
        Assert.Equal(stored, kind switch
        {
            "ModelDeployment" => await ListAllAsync<ModelDeployment>(),
            "GuardPolicy" => await ListAllAsync<GuardPolicy>(),
            _ => await ListAllAsync<GuardException>(),
        });
    }

    /// <summary>Creates the object (and writes its status through the subresource); the last response, or null when refused.</summary>
    private async Task<string?> WriteAsync(string collection, string name, bool namespaced, JsonObject obj, bool status)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = metadata;
        metadata["name"] = name;
        if (namespaced)
        {
            metadata["namespace"] = Namespace;
        }

        var created = await SendAsync(HttpMethod.Post, collection, obj);
        if (!status || created is null)
        {
            return created;
        }

        obj["metadata"]!["resourceVersion"] = JsonNode.Parse(created)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        return await SendAsync(HttpMethod.Put, $"{collection}/{name}/status", obj);
    }

    private async Task<string?> SendAsync(HttpMethod method, string path, JsonObject obj)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(obj.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http!.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : null;
    }

    /// <summary>Lists every object of <typeparamref name="T"/> the way the informers do, page by page; the count read.</summary>
    private async Task<int> ListAllAsync<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var lister = new KubernetesListWatchClient<T>(_client!);
        var count = 0;
        string? next = null;
        do
        {
            var page = await lister.ListAsync(typeof(T) == typeof(GuardPolicy) ? null : Namespace, null, 500, next, CancellationToken.None);
            count += page.Items.Count;
            next = page.Continue;
        }
        while (next is not null);

        return count;
    }
}
