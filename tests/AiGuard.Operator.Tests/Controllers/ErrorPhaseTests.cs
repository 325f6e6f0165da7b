using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Sandbox.Faults;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Repeated reconcile failures show as phase Error with a message; the model recovers once the API does.</summary>
public sealed class ErrorPhaseTests
{
    private const string Ns = "ml-errors";

    [Fact]
    public async Task Repeated_failures_show_phase_error_then_recover()
    {
        await using var h = await OperatorHarness.StartAsync();
        await h.CreateNamespaceAsync(Ns);
        var fault = h.Sandbox.Faults.Add(new FaultRule { Verb = "apply", Resource = "deployments", Namespace = Ns, StatusCode = 503, Message = "etcd is unhappy" });

        await h.CreateAsync(TestModels.Compliant(Ns, "unlucky"));

        var failing = await h.WaitForPhaseAsync(Ns, "unlucky", Phases.Error);
        var ready = failing.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal("ReconcileFailed", ready.Reason);
        Assert.Contains("503", ready.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("etcd is unhappy", ready.Message, StringComparison.Ordinal); // no response bodies in status
        Assert.Equal("True", failing.Status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);

        h.Sandbox.Faults.Remove(fault.Id);
        await h.WaitForPhaseAsync(Ns, "unlucky", Phases.Compliant, TimeSpan.FromSeconds(20));
    }
}
