using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Sealing;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Sealing;
using AiGuard.Sandbox.Faults;
using AiGuard.Sealing;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Repeated reconcile failures show as phase Error with a message; the model recovers once the cause is gone.</summary>
[Collection(SealingKeysCollection.Name)]
public sealed class ErrorPhaseTests(SealingTestKeys keys)
{
    private const string Ns = "ml-errors";

    [Fact]
    public async Task Repeated_failures_show_phase_error_then_recover()
    {
        await using var h = await OperatorHarness.StartAsync();
        await h.CreateNamespaceAsync(Ns);
        var fault = h.Sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = "deployments", Namespace = Ns, StatusCode = 503, Message = "etcd is unhappy" });

        await h.CreateAsync(TestModels.Compliant(Ns, "unlucky"));

        var failing = await h.WaitForPhaseAsync(Ns, "unlucky", Phases.Error);
        var ready = failing.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal("ReconcileFailed", ready.Reason);
        Assert.Contains("503", ready.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("etcd is unhappy", ready.Message, StringComparison.Ordinal); // no response bodies in status
        Assert.Equal("True", failing.Status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);

        // Further retries with the same error leave the status alone: one Error write, not one per attempt. Counting
        // starts at the next attempt, which begins only after the reconcile that wrote the Error status has ended.
        await MoreFailedAttemptsAsync(h, 1);
        var statusWrites = h.Sandbox.Metrics.Count("patch", "modeldeployments/status");
        await MoreFailedAttemptsAsync(h, 3);
        Assert.Equal(statusWrites, h.Sandbox.Metrics.Count("patch", "modeldeployments/status"));

        h.Sandbox.Faults.Remove(fault.Id);
        await h.WaitForPhaseAsync(Ns, "unlucky", Phases.Compliant, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_throwing_engine_step_shows_phase_error_naming_only_the_exception_type_then_recovers()
    {
        // A key ring that throws makes opening the sealed secrets (between evaluation and planning) throw, which
        // stands in for any bug in the pure steps; its message must not reach the status.
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var broken = true;
        var sealing = new SealedDataVerifier(() => Volatile.Read(ref broken) ? throw new InvalidOperationException("the ring holds s3cr3t-value") : ring);
        await using var h = await OperatorHarness.StartAsync(sealing: sealing);
        await h.CreateNamespaceAsync(Ns);
        var model = TestModels.Compliant(Ns, "buggy");
        model.Spec.Secrets = [new SecretSpec
        {
            Name = "token",
            SealedData = new() { ["token"] = SealingTestKeys.Seal(keys.Cluster, "s3cr3t-value", SealingScope.Strict(Ns, "buggy", "token")) },
        }];
        await h.CreateAsync(model);

        var failing = await h.WaitForPhaseAsync(Ns, "buggy", Phases.Error);
        var ready = failing.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal("ReconcileFailed", ready.Reason);
        Assert.Contains(nameof(InvalidOperationException), ready.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ready.Message, StringComparison.Ordinal);
        Assert.Equal("True", failing.Status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);

        Volatile.Write(ref broken, false);
        var healed = await h.WaitForPhaseAsync(Ns, "buggy", Phases.Compliant, TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(healed.Status!.Conditions!, c => c.Type == ConditionTypes.Reconciling);
    }

    private static Task MoreFailedAttemptsAsync(OperatorHarness h, int more)
    {
        var attempts = h.Sandbox.Metrics.Count("create", "deployments");
        return Eventually.TrueAsync(
            () => Task.FromResult(h.Sandbox.Metrics.Count("create", "deployments") >= attempts + more), $"{more} more failed attempt(s)");
    }
}
