using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Operator.Reconciliation;
using k8s.Models;

namespace AiGuard.Operator.Tests.Reconciliation;

public sealed class StatusComposerTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static ModelDeployment Model(ModelDeploymentStatus? status = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "ns", Generation = 3 },
        Status = status,
    };

    private static Finding Finding(string control, string severity, bool waived = false) =>
        new() { Control = control, Severity = severity, Message = "m", Remediation = "r", Waived = waived };

    [Fact]
    public void Compliant_and_available_model_is_ready()
    {
        var status = StatusComposer.Compose(Model(), new Assessment(), null, new RolloutObservation(true, true), T0);

        Assert.Equal(Phases.Compliant, status.Phase);
        Assert.Equal(3, status.ObservedGeneration);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
        Assert.DoesNotContain(status.Conditions!, c => c.Type is ConditionTypes.Stalled or ConditionTypes.Reconciling);
    }

    [Fact]
    public void Unavailable_deployment_is_progressing_and_reconciling()
    {
        var status = StatusComposer.Compose(Model(), new Assessment(), null, new RolloutObservation(true, false), T0);

        Assert.Equal(Phases.Progressing, status.Phase);
        Assert.Equal("False", status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);
    }

    [Fact]
    public void Blocked_model_is_stalled_not_ready()
    {
        var assessment = new Assessment { Blocked = true, Findings = [Finding("AIG-IMG-03", "critical")] };

        var status = StatusComposer.Compose(Model(), assessment, null, new RolloutObservation(false, false), T0);

        Assert.Equal(Phases.Blocked, status.Phase);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == ConditionTypes.Stalled).Status);
        Assert.Equal("False", status.Conditions!.Single(c => c.Type == ConditionTypes.Compliant).Status);
    }

    [Fact]
    public void Transition_time_survives_until_the_status_flips()
    {
        var first = StatusComposer.Compose(Model(), new Assessment(), null, new RolloutObservation(true, true), T0);
        var steady = StatusComposer.Compose(Model(first), new Assessment(), null, new RolloutObservation(true, true), T0.AddMinutes(5));
        var flipped = StatusComposer.Compose(Model(steady), new Assessment(), null, new RolloutObservation(true, false), T0.AddMinutes(9));

        Assert.Equal(T0, steady.Conditions!.Single(c => c.Type == ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T0.AddMinutes(9), flipped.Conditions!.Single(c => c.Type == ConditionTypes.Ready).LastTransitionTime);
        Assert.False(StatusComparer.Differs(first, steady));
        Assert.True(StatusComparer.Differs(steady, flipped));
    }

    [Fact]
    public void Findings_are_capped_at_fifty()
    {
        var findings = Enumerable.Range(0, 70).Select(i => Finding($"AIG-NET-{i % 3 + 1:00}", "high")).ToList();

        var status = StatusComposer.Compose(Model(), new Assessment { Findings = findings }, null, new RolloutObservation(true, true), T0);

        Assert.Equal(StatusComposer.FindingLimit, status.Findings!.Count);
        Assert.Equal(Phases.NonCompliant, status.Phase);
    }

    [Fact]
    public void Area_condition_names_failing_controls()
    {
        var assessment = new Assessment
        {
            Results = [new ControlResult("AIG-NET-01", ConditionTypes.NetworkIsolated, "high", false), new ControlResult("AIG-NET-02", ConditionTypes.NetworkIsolated, "high", true)],
        };

        var status = StatusComposer.Compose(Model(), assessment, null, new RolloutObservation(true, true), T0);

        var network = status.Conditions!.Single(c => c.Type == ConditionTypes.NetworkIsolated);
        Assert.Equal("False", network.Status);
        Assert.Contains("AIG-NET-01", network.Message, StringComparison.Ordinal);
        Assert.Equal("Unknown", status.Conditions!.Single(c => c.Type == ConditionTypes.Governed).Status);
    }
}
