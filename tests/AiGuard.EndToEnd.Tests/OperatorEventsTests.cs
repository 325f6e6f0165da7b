using AiGuard.Sandbox.Tests.Clients;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The operator writes events.k8s.io/v1 Events; kubectl 1.35 reads core/v1 Events. Against the sandbox, as against
/// kube-apiserver, both are one store, so `kubectl get events` and `kubectl describe md` show what the operator did.
/// </summary>
public sealed class OperatorEventsTests
{
    [Fact]
    public async Task Kubectl_get_events_and_describe_show_the_operators_events()
    {
        await using var cluster = await RunningOperator.StartAsync();
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        session.WriteKubeconfig(cluster.Sandbox);
        var samples = SampleFiles.CopySamples(session.Directory);
        async Task<ClientRun> Succeeds(params string[] args)
        {
            var run = await session.KubectlAsync(args);
            Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed\n{run}");
            return run;
        }

        await Succeeds("apply", "-f", SampleFiles.CrdDirectory);
        await Succeeds("create", "namespace", "aiguard-system");
        await Succeeds("apply", "-f", Path.Combine(samples, "namespace-ml-prod.yaml"));
        await Succeeds("apply", "-f", samples);

        var events = await Eventually.ReturnsAsync(
            () => session.KubectlAsync("get", "events", "-n", "ml-prod"),
            run => run.StdOut.Contains("RolloutBlocked", StringComparison.Ordinal),
            run => $"no RolloutBlocked event listed\n{run}", TimeSpan.FromSeconds(60));
        var described = await Succeeds("describe", "md", "chat-playground", "-n", "ml-prod");

        Assert.Matches(@"Warning\s+RolloutBlocked", events.StdOut);
        var section = described.StdOut[described.StdOut.LastIndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Matches(@"Warning\s+RolloutBlocked\s+.*aiguard", section);
        Assert.DoesNotContain("<none>", section.Split('\n')[0], StringComparison.Ordinal);

        // Events of one model never show on another's description.
        var other = await Succeeds("describe", "md", "support-assistant", "-n", "ml-prod");
        Assert.DoesNotContain("RolloutBlocked", other.StdOut, StringComparison.Ordinal);
    }
}
