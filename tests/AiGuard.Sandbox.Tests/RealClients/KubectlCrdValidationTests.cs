using AiGuard.Sandbox.Tests.Clients;

namespace AiGuard.Sandbox.Tests.RealClients;

/// <summary>
/// Real kubectl 1.35 against the sandbox with the generated CRDs: the refusals a real API server gives for a
/// ModelDeployment that tries to widen its own network or smuggle a newline into a name come back as kubectl's
/// "is invalid" with the rule's message, and nothing is stored; the same object without the fault is created.
/// </summary>
public sealed class KubectlCrdValidationTests
{
    private const string Peer = """{"ipBlock":{"cidr":"10.0.0.0/8"}}""";

    [Theory]
    [InlineData("""{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}}""", "\"db\"", "a peer is either an ipBlock or namespaceSelector/podSelector, not both")]
    [InlineData(Peer, "\"db\\n\"", "should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")]
    public async Task Kubectl_apply_is_refused_as_a_real_api_server_refuses_it(string peer, string secretName, string refusal)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { KubeMinorVersion = "35" });
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(60));
        server.WriteKubeconfig(session.KubeconfigPath);
        await OkAsync(session, "apply", "-f", Path.Combine(KubeClientTools.RepoRoot, "config", "crd", "bases"));
        await OkAsync(session, "create", "namespace", "ml");

        foreach (var serverSide in new[] { false, true })
        {
            var refused = await ApplyAsync(session, "widened", peer, secretName, serverSide);
            Assert.True(refused.ExitCode != 0, $"kubectl apply (server-side: {serverSide}) was not refused: {refused}");
            Assert.Contains("is invalid", refused.StdErr);
            Assert.Contains(refusal, refused.StdErr);
        }

        var missing = await session.KubectlAsync("get", "md", "widened", "-n", "ml");
        Assert.Contains("NotFound", missing.StdErr);

        // The control: the same ModelDeployment with a lone ipBlock peer and a plain name is created.
        var created = await ApplyAsync(session, "narrow", Peer, "\"db\"", serverSide: false);
        Assert.True(created.ExitCode == 0, $"the valid ModelDeployment was refused: {created}");
    }

    private static async Task<ClientRun> ApplyAsync(KubeClientSession session, string name, string peer, string secretName, bool serverSide)
    {
        var manifest = Path.Combine(session.Directory, name + ".json");
        await File.WriteAllTextAsync(manifest, $$$"""
            {"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"{{{name}}}","namespace":"ml"},
             "spec":{"model":{"uri":"hf://org/model"},"serving":{"image":"vllm/vllm-openai:v0.6.0"},
                     "network":{"egress":[{"to":[{{{peer}}}]}]},
                     "secrets":[{"name":{{{secretName}}},"existingSecret":"db-credentials"}]}}
            """);
        return serverSide
            ? await session.KubectlAsync("apply", "--server-side", "-f", manifest)
            : await session.KubectlAsync("apply", "-f", manifest);
    }

    private static async Task OkAsync(KubeClientSession session, params string[] arguments)
    {
        var run = await session.KubectlAsync(arguments);
        Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {run}");
    }
}
