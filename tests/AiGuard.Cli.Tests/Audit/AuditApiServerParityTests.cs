using System.Net;
using System.Text.Json.Nodes;
using AiGuard.Api.Crds;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Sandbox;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// The audit refuses a ModelDeployment with exactly the causes the API server (the sandbox, given the generated CRDs)
/// returns in its 422, field for field and word for word: one validator serves both.
/// </summary>
public sealed class AuditApiServerParityTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    // Widening the network past the NetworkPolicy model (a CEL rule), with a malformed digest (non-blocking: both reported).
    [InlineData("  network:\n    ingress:\n      - from:\n          - ipBlock: {cidr: 0.0.0.0/0}\n            podSelector: {}\n", "sha256: 9f86", "sha256: zz86")]
    // A prohibited use under the EU AI Act, which only the CRD's CEL rule refuses.
    [InlineData("", "riskLevel: limited", "riskLevel: unacceptable")]
    // A blocking type error: the server and the audit both say the CEL rules were not checked.
    [InlineData("  secrets:\n    - name: db\n      existingSecret: db\n      sealedData: {k: AGS1x}\n", "replicas: 2", "replicas: two")]
    public async Task Audit_reports_exactly_the_causes_the_api_server_returns(string extraSpec, string from, string to)
    {
        var yaml = Manifests.Compliant(extraSpec: extraSpec).Replace(from, to, StringComparison.Ordinal);
        var causes = await ApiServerCausesAsync(yaml);
        _dir.Write("bad.yaml", yaml);

        var outcome = AuditCli.Run(Path.Combine(_dir.Root, "bad.yaml"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.NotEmpty(causes);
        var reported = outcome.Stderr.Split('\n').Where(l => l.Contains("bad.yaml:", StringComparison.Ordinal)).ToList();
        Assert.Equal(causes.Count, reported.Count);
        foreach (var cause in causes)
        {
            Assert.Contains(reported, line => line.EndsWith($": {cause.Field}: {cause.Message}", StringComparison.Ordinal));
        }
    }

    /// <summary>Creates the object on a sandbox that has the generated CRDs and returns the causes of its 422.</summary>
    private static async Task<List<V1StatusCause>> ApiServerCausesAsync(string yaml)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = server.CreateClient();
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            await client.CreateCustomResourceDefinitionAsync(crd);
        }
        await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ml-prod" } });
        var body = JsonProjection.Convert(Assert.Single(YamlDocumentReader.Read(yaml)).Root!).Json;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await client.CreateNamespacedCustomObjectAsync(body, "aiguard.io", "v1alpha1", "ml-prod", "modeldeployments");
                Assert.Fail("the API server accepted the object");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50); // the CRD is not served yet; poll until it is
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                var status = KubernetesJson.Deserialize<V1Status>(e.Response.Content);
                return [.. status.Details.Causes];
            }
        }
    }
}
