using System.Text.Json;
using AiGuard.Sandbox.Tests.Clients;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The user's workflow with real kubectl against an API server while the operator runs: install the CRDs, apply
/// the samples, wait for Ready, read the printer columns and findings, quarantine a model, and watch a deleted
/// NetworkPolicy come back. Run once with kubectl 1.35 from .tools/ and once with the system dispatcher.
/// </summary>
public sealed class KubectlWorkflowTests
{
    public static TheoryData<string, string> Clients => new()
    {
        { "kubectl-1.35", "32" },
        // The dispatcher picks its kubectl by the server's minor version: 33 selects kubectl 1.33.
        { "system-dispatcher", "33" },
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Samples_converge_quarantine_isolates_and_deleted_policies_heal(string client, string serverMinor)
    {
        var kubectlPath = client == "kubectl-1.35" ? KubeClientTools.Kubectl : KubeClientTools.SystemKubectl;
        await using var cluster = await RunningOperator.StartAsync(serverMinor);
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        session.WriteKubeconfig(cluster.Sandbox);
        var samples = SampleFiles.CopySamples(session.Directory);
        async Task<ClientRun> Kubectl(params string[] args) =>
            await session.RunAsync(kubectlPath, ["--cache-dir", session.CacheDir, .. args]);
        async Task<ClientRun> Succeeds(params string[] args)
        {
            var run = await Kubectl(args);
            Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed\n{run}");
            return run;
        }

        var crds = await Succeeds("apply", "-f", SampleFiles.CrdDirectory);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/modeldeployments.aiguard.io created", crds.StdOut, StringComparison.Ordinal);
        await Succeeds("create", "namespace", "aiguard-system");
        await Succeeds("apply", "-f", Path.Combine(samples, "namespace-ml-prod.yaml"));
        var applied = await Succeeds("apply", "-f", samples);
        Assert.Contains("modeldeployment.aiguard.io/support-assistant created", applied.StdOut, StringComparison.Ordinal);
        Assert.Contains("guardpolicy.aiguard.io/baseline created", applied.StdOut, StringComparison.Ordinal);

        await Succeeds("wait", "--for=condition=Ready", "md/support-assistant", "md/credit-scorer", "-n", "ml-prod", "--timeout=60s");

        var table = await Succeeds("get", "md", "-n", "ml-prod");
        var header = table.StdOut.Split('\n')[0];
        Assert.Contains("PHASE", header, StringComparison.Ordinal);
        Assert.Contains("SCORE", header, StringComparison.Ordinal);
        Assert.Matches(@"^NAME\s+PHASE\s+SCORE\s+ENFORCEMENT\s+READY\s+AGE\s*$", header);
        // READY is the Ready condition's status, read by the printer column's filter [?(@.type=="Ready")].
        Assert.Matches(@"support-assistant\s+Compliant\s+100\s+\w+\s+True\s", table.StdOut);
        Assert.Matches(@"credit-scorer\s+Compliant\s+100\s+\w+\s+True\s", table.StdOut);

        // The non-compliant sample has critical and high findings; the baseline enforces and blocks at high.
        var playground = await Eventually.ReturnsAsync(
            () => Kubectl("get", "md", "chat-playground", "-n", "ml-prod", "-o", "yaml"),
            run => run.StdOut.Contains("phase: Blocked", StringComparison.Ordinal),
            run => $"chat-playground not Blocked\n{run}", TimeSpan.FromSeconds(30));
        Assert.Contains("findings:", playground.StdOut, StringComparison.Ordinal);
        Assert.Contains("control: AIG-IMG-03", playground.StdOut, StringComparison.Ordinal);
        Assert.Contains("severity: critical", playground.StdOut, StringComparison.Ordinal);
        Assert.Contains("control: AIG-NET-02", playground.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"chat-playground\s+Blocked\s+\d+\s+\w+\s+False\s", (await Succeeds("get", "md", "-n", "ml-prod")).StdOut);
        var blocked = await Kubectl("get", "deployment", "chat-playground", "-n", "ml-prod");
        Assert.True(blocked.ExitCode != 0 && blocked.StdErr.Contains("NotFound", StringComparison.Ordinal), $"a blocked model must have no Deployment\n{blocked}");

        // Quarantine a compliant model by annotation: its NetworkPolicy becomes deny-all in both directions.
        await Succeeds("annotate", "md", "support-assistant", "-n", "ml-prod", "aiguard.io/quarantine=test");
        await Succeeds("wait", "--for=jsonpath={.status.phase}=Quarantined", "md/support-assistant", "-n", "ml-prod", "--timeout=30s");
        var policy = await Eventually.ReturnsAsync(
            async () => JsonDocument.Parse((await Succeeds("get", "networkpolicy", "support-assistant", "-n", "ml-prod", "-o", "json")).StdOut),
            IsDenyAll, doc => $"NetworkPolicy not deny-all: {doc.RootElement}", TimeSpan.FromSeconds(30));
        Assert.Equal("support-assistant", policy.RootElement.GetProperty("spec").GetProperty("podSelector").GetProperty("matchLabels").EnumerateObject()
            .Single(l => l.Name == "aiguard.io/model-deployment").Value.GetString());

        // Break a NetworkPolicy: the operator puts it back.
        await Succeeds("delete", "networkpolicy", "credit-scorer", "-n", "ml-prod");
        await Eventually.ReturnsAsync(
            () => Kubectl("get", "networkpolicy", "credit-scorer", "-n", "ml-prod", "-o", "name"),
            run => run.ExitCode == 0, run => $"credit-scorer's NetworkPolicy did not come back\n{run}", TimeSpan.FromSeconds(30));
    }

    private static bool IsDenyAll(JsonDocument policy)
    {
        var spec = policy.RootElement.GetProperty("spec");
        var types = spec.TryGetProperty("policyTypes", out var t) ? t.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
        bool Empty(string rules) => !spec.TryGetProperty(rules, out var list) || list.GetArrayLength() == 0;
        return types.SetEquals(["Ingress", "Egress"]) && Empty("ingress") && Empty("egress");
    }
}
