using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.EndToEnd.Tests.Permissions;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The real <c>aiguard operator</c> process, as an installed one runs, against the sandbox: what its /metrics port
/// exports with the process-wide registry (the in-process host tests use a registry of their own).
/// </summary>
public sealed class OperatorProcessMetricsTests
{
    private const string OperatorNamespace = "aiguard-system";

    [Fact]
    public async Task Metrics_of_the_running_process_carry_client_gos_request_series_and_not_the_runtimes_http_client_meter()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        await InstallCrdsAsync(client);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = OperatorNamespace } });
        var directory = Directory.CreateTempSubdirectory("aiguard-operator-metrics-");
        var (health, metrics) = (FreePort(), FreePort());
        try
        {
            await using var process = OperatorProcess.Start(
                [
                    "operator", "--kubeconfig", sandbox.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig")),
                    "--operator-namespace", OperatorNamespace, "--health-port", health, "--metrics-port", metrics, "--log-format", "json",
                ],
                new Dictionary<string, string>(StringComparer.Ordinal) { ["AIGUARD_BIND_ADDRESS"] = "127.0.0.1" });
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.ReturnsAsync(
                async () => !process.HasExited && await AnswersAsync(http, $"http://127.0.0.1:{health}/readyz"),
                ready => ready,
                _ => $"the operator process to be ready; it printed:\n{process.Output}",
                TimeSpan.FromMinutes(2));

            // prometheus-net attaches its meter listener at the first scrape: the requests after it (a model's
            // children created with POSTs) are the ones the runtime's HTTP client meter would record.
            var scrape = new Uri($"http://127.0.0.1:{metrics}/metrics");
            await http.GetStringAsync(scrape);
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ml" } });
            await client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(Model("ml", "chat"), ApiGroup.Group, ApiGroup.Version, "ml", ModelDeployment.Plural);
            var text = "";
            await Eventually.TrueAsync(
                async () => (text = await http.GetStringAsync(scrape)).Contains("rest_client_requests_total{code=\"201\",method=\"POST\"", StringComparison.Ordinal),
                "the operator's creates counted in rest_client_requests_total", TimeSpan.FromMinutes(2));

            Assert.Contains("rest_client_requests_total{", text, StringComparison.Ordinal);
            Assert.Contains("rest_client_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
            Assert.DoesNotContain("system_net_http_", text, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static ModelDeployment Model(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new ModelDeploymentSpec
        {
            Owner = "team-ml@example.com",
            RiskLevel = RiskLevels.Limited,
            Model = new ModelSource { Uri = $"s3://models/{name}/model.onnx", Sha256 = "5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29" },
            Serving = new ServingSpec { Image = "ghcr.io/acme/triton:24.08-py3@sha256:946b17aac5d00991806e4ae0581c5a87c856cc9a9134bc9cb7cd0a1aa85ac57f", Port = 8000 },
        },
    };

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            return (await http.GetAsync(new Uri(url))).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task InstallCrdsAsync(Kubernetes client)
    {
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("config", "crd", "bases"), "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var crd in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)).OfType<V1CustomResourceDefinition>())
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
