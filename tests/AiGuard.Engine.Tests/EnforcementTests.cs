using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class EnforcementTests
{
    private static readonly PolicyBuilder VulnerableTriton = Scenario.Policy("cve").MinimumVersion("ghcr.io/acme/triton", "24.10");

    [Fact]
    public void Enforce_blocks_on_an_unwaived_finding_at_block_at()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().With(s => s.Owner = null).SecurityContext(new() { Privileged = true }));

        Assert.Equal(EnforcementModes.Enforce, assessment.Enforcement);
        Assert.True(assessment.Blocked);
        Assert.Equal(Phases.Blocked, assessment.Phase);
    }

    [Fact]
    public void Enforce_does_not_block_on_findings_below_block_at()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().With(s => s.Owner = null));

        Assert.False(assessment.Blocked);
        Assert.Equal(Phases.NonCompliant, assessment.Phase);
    }

    [Fact]
    public void A_lower_block_at_blocks_medium_findings()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().With(s => s.Owner = null), Scenario.Policy("strict").Enforce(Severities.Medium));

        Assert.True(assessment.Blocked);
    }

    [Fact]
    public void Audit_never_blocks()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Enforcement(EnforcementModes.Audit).SecurityContext(new() { Privileged = true }));

        Assert.Equal(EnforcementModes.Audit, assessment.Enforcement);
        Assert.False(assessment.Blocked);
        Assert.Equal(Phases.NonCompliant, assessment.Phase);
    }

    [Fact]
    public void Quarantine_annotation_isolates_a_compliant_model()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Quarantine("suspected data exfiltration, INC-4711"));

        Assert.Equal("suspected data exfiltration, INC-4711", assessment.QuarantineReason);
        Assert.True(assessment.Quarantined);
        Assert.Equal(Phases.Quarantined, assessment.Phase);
    }

    [Fact]
    public void Empty_quarantine_annotation_does_nothing()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Quarantine("  "));

        Assert.Null(assessment.QuarantineReason);
        Assert.Equal(Phases.Compliant, assessment.Phase);
    }

    [Fact]
    public void Quarantine_outranks_blocked()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Quarantine("INC-1").SecurityContext(new() { Privileged = true }));

        Assert.True(assessment.Blocked);
        Assert.Equal(Phases.Quarantined, assessment.Phase);
    }

    [Fact]
    public void Incident_response_quarantines_on_an_unwaived_critical_finding_under_enforce()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Image("ghcr.io/acme/triton:24.08-py3"), VulnerableTriton.QuarantineOnCritical());

        Assert.NotNull(assessment.QuarantineReason);
        Assert.Contains("AIG-IMG-03", assessment.QuarantineReason, StringComparison.Ordinal);
        Assert.Contains("policy cve", assessment.QuarantineReason, StringComparison.Ordinal);
        Assert.Equal(Phases.Quarantined, assessment.Phase);
    }

    [Fact]
    public void Incident_response_only_alerts_by_default()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Image("ghcr.io/acme/triton:24.08-py3"), Scenario.Policy("cve").MinimumVersion("ghcr.io/acme/triton", "24.10"));

        Assert.Null(assessment.QuarantineReason);
        Assert.Equal(Phases.Blocked, assessment.Phase);
    }

    [Fact]
    public void Incident_response_does_not_quarantine_under_audit_or_for_a_waived_critical()
    {
        var policy = Scenario.Policy("cve").MinimumVersion("ghcr.io/acme/triton", "24.10").QuarantineOnCritical().Build();
        var audited = Scenario.Evaluate(Scenario.Model().Image("ghcr.io/acme/triton:24.08-py3").Enforcement(EnforcementModes.Audit).Build(), [policy]);
        var waived = Scenario.Evaluate(
            Scenario.Model().Image("ghcr.io/acme/triton:24.08-py3").Build(),
            [policy],
            [Scenario.Exception("wait", ControlIds.ImagePatchLevel).Build()]);

        Assert.Null(audited.QuarantineReason);
        Assert.Null(waived.QuarantineReason);
        Assert.Equal(Phases.Compliant, waived.Phase);
    }

    [Fact]
    public void Findings_are_sorted_most_severe_first_then_by_control_id()
    {
        var model = Scenario.Model()
            .With(s => s.Owner = null)
            .ExistingSecret("db", SecretExposure.Env)
            .Image("ghcr.io/acme/triton:24.08-py3")
            .SecurityContext(new() { Privileged = true })
            .EgressTo("8.8.8.8/32");

        var assessment = Scenario.Evaluate(model, VulnerableTriton);

        Assert.Equal(
            ["AIG-IMG-03", "AIG-NET-02", "AIG-POD-01", "AIG-SEC-01", "AIG-GOV-01", "AIG-SEC-02"],
            assessment.Findings.Select(f => f.Control));
        Assert.Equal(50, Evaluator.StatusFindingLimit);
    }
}
