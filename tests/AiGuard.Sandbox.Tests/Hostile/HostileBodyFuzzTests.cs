using System.Text;
using AiGuard.Sandbox.Tests.Support;
using AiGuard.Testing;
using CsCheck;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Hostile;

/// <summary>
/// Generated hostile bodies against every write endpoint (POST, PUT, PATCH of each type, apply, /status,
/// /scale, DELETE with a body) of a built-in kind, a custom resource and a Namespace. Client input must never
/// get a 5xx and the server must keep answering /version; CsCheck shrinks any failure to a small body and seed.
/// </summary>
public sealed class HostileBodyFuzzTests : SandboxFixture
{
    private const string Namespace = "fuzz";

    private static readonly string[] Queries = ["", "?fieldValidation=Strict", "?dryRun=All", "?fieldManager=fuzz", "?fieldManager=fuzz&force=true"];

    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", $"/api/v1/namespaces/{Namespace}/configmaps"),
        ("PUT", $"/api/v1/namespaces/{Namespace}/configmaps/fuzz-cm"),
        ("PATCH", $"/api/v1/namespaces/{Namespace}/configmaps/fuzz-cm"),
        ("DELETE", $"/api/v1/namespaces/{Namespace}/configmaps/fuzz-cm"),
        ("DELETE", $"/api/v1/namespaces/{Namespace}/configmaps"),
        ("POST", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments"),
        ("PUT", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments/fuzz-md"),
        ("PATCH", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments/fuzz-md"),
        ("PUT", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments/fuzz-md/status"),
        ("PATCH", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments/fuzz-md/status"),
        ("DELETE", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments/fuzz-md"),
        ("POST", "/api/v1/namespaces"),
        ("PUT", "/api/v1/namespaces/fuzz-ns"),
        ("PATCH", "/api/v1/namespaces/fuzz-ns"),
        ("PUT", "/api/v1/namespaces/fuzz-ns/status"),
        ("PATCH", "/api/v1/namespaces/fuzz-ns/status"),
        ("DELETE", "/api/v1/namespaces/fuzz-ns"),
        ("PUT", $"/apis/apps/v1/namespaces/{Namespace}/deployments/fuzz-dep/scale"),
        ("PATCH", $"/apis/apps/v1/namespaces/{Namespace}/deployments/fuzz-dep/scale"),
    ];

    [Fact]
    public async Task Hostile_bodies_to_every_write_endpoint_never_get_a_5xx_and_the_server_keeps_serving()
    {
        var documents = await SeedAsync();
        using var http = new RawHttp(Server);
        var gen = Gen.Select(Gen.Int[0, Endpoints.Length - 1], Gen.OneOf(HostileBodies.ContentTypes), Gen.OneOf(Queries), HostileBodies.Body(documents));

        await gen.SampleAsync(async (endpoint, contentType, query, body) =>
        {
            var (method, path) = Endpoints[endpoint];
            var answer = await http.SendAsync(method, path + query, body, contentType);
            Assert.True(answer.Code < 500, $"{method} {path}{query} ({contentType}) answered {answer}");
            Assert.True(await http.IsAliveAsync(), "/version stopped answering");
        }, iter: 600, threads: 1, print: t => Describe(Endpoints[t.Item1], t.Item2, t.Item3, t.Item4));

        Assert.Equal(0, Server.Metrics.Count("create", "configmaps", 500) + Server.Metrics.Count("patch", "modeldeployments", 500));
    }

    // The objects the named endpoints act on, and the documents the generators truncate and mutate.
    private async Task<IReadOnlyList<string>> SeedAsync()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "fuzz-ns" } });
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("config", "crd", "bases"), "*.yaml"))
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file)));
        }

        var model = (await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "samples", "modeldeployment-vllm-hardened.yaml")))
            .Replace("namespace: ml-prod", "namespace: " + Namespace, StringComparison.Ordinal);
        var modelName = model.Split('\n').First(l => l.StartsWith("  name: ", StringComparison.Ordinal))["  name: ".Length..];
        model = model.Replace("  name: " + modelName, "  name: fuzz-md", StringComparison.Ordinal);
        using var http = new RawHttp(Server);
        var created = await http.SendAsync("POST", $"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments", model, "application/yaml");
        Assert.True(created.Code == 201, created.ToString());
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "fuzz-cm" }, Data = new Dictionary<string, string> { ["a"] = "b" } }, Namespace);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("fuzz-dep", 1), Namespace);
        return
        [
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"fuzz-cm\",\"labels\":{\"a\":\"fuzz\"}},\"data\":{\"a\":\"fuzz\"}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"fuzz-ns\"},\"status\":{\"phase\":\"fuzz\"}}",
            "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"fuzz-dep\"},\"spec\":{\"replicas\":3}}",
            "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"fuzz\"},{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"x\":\"y\"}}]",
            model,
        ];
    }

    private static string Describe((string Method, string Path) endpoint, string contentType, string query, byte[] body)
    {
        var preview = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)));
        return $"{endpoint.Method} {endpoint.Path}{query} [{contentType}] {body.Length} bytes: {preview}";
    }
}
