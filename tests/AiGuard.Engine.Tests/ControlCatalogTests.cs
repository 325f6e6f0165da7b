using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class ControlCatalogTests
{
    [Fact]
    public void Lists_the_sixteen_controls_of_the_design_with_their_default_severities()
    {
        var expected = new Dictionary<string, (string Area, string Severity)>
        {
            ["AIG-NET-01"] = (ConditionTypes.NetworkIsolated, Severities.High),
            ["AIG-NET-02"] = (ConditionTypes.NetworkIsolated, Severities.High),
            ["AIG-NET-03"] = (ConditionTypes.NetworkIsolated, Severities.Medium),
            ["AIG-SEC-01"] = (ConditionTypes.SecretsSealed, Severities.High),
            ["AIG-SEC-02"] = (ConditionTypes.SecretsSealed, Severities.Medium),
            ["AIG-SEC-03"] = (ConditionTypes.SecretsSealed, Severities.Critical),
            ["AIG-RBAC-01"] = (ConditionTypes.LeastPrivilege, Severities.Medium),
            ["AIG-RBAC-02"] = (ConditionTypes.LeastPrivilege, Severities.High),
            ["AIG-RBAC-03"] = (ConditionTypes.LeastPrivilege, Severities.High),
            ["AIG-RBAC-04"] = (ConditionTypes.LeastPrivilege, Severities.High),
            ["AIG-IMG-01"] = (ConditionTypes.ImagePatched, Severities.High),
            ["AIG-IMG-02"] = (ConditionTypes.ImagePatched, Severities.Medium),
            ["AIG-IMG-03"] = (ConditionTypes.ImagePatched, Severities.Critical),
            ["AIG-POD-01"] = (ConditionTypes.PodHardened, Severities.High),
            ["AIG-MOD-01"] = (ConditionTypes.ModelPinned, Severities.High),
            ["AIG-GOV-01"] = (ConditionTypes.Governed, Severities.Medium),
        };

        Assert.Equal(expected.Keys.Order(), ControlCatalog.All.Select(c => c.Id).Order());
        foreach (var control in ControlCatalog.All)
        {
            Assert.Equal(expected[control.Id], (control.Area, control.DefaultSeverity));
            Assert.False(string.IsNullOrWhiteSpace(control.Title));
            Assert.False(string.IsNullOrWhiteSpace(control.Remediation));
        }
    }

    [Fact]
    public void Covers_every_area_condition_once_in_report_order()
    {
        Assert.Equal(
            [ConditionTypes.NetworkIsolated, ConditionTypes.SecretsSealed, ConditionTypes.LeastPrivilege, ConditionTypes.ImagePatched,
             ConditionTypes.PodHardened, ConditionTypes.ModelPinned, ConditionTypes.Governed],
            ControlCatalog.Areas);
    }

    [Fact]
    public void Finds_definitions_by_id_and_returns_null_for_unknown_ids()
    {
        Assert.Equal(ControlIds.ImagePatchLevel, ControlCatalog.Find("AIG-IMG-03")?.Id);
        Assert.Null(ControlCatalog.Find("AIG-XXX-99"));
        Assert.Null(ControlCatalog.Find(null));
    }

    [Fact]
    public void Marks_cluster_and_key_dependent_controls_so_offline_callers_know_what_they_skip()
    {
        Assert.Equal(ControlScope.ClusterOnly, ControlCatalog.Find(ControlIds.ForeignNetworkPolicy)!.Scope);
        Assert.Equal(ControlScope.ClusterOnly, ControlCatalog.Find(ControlIds.ForeignBinding)!.Scope);
        Assert.Equal(ControlScope.SealingKey, ControlCatalog.Find(ControlIds.SealedDataOpens)!.Scope);
    }

    [Fact]
    public void The_sample_model_is_compliant_and_offline_evaluation_skips_cluster_and_key_controls()
    {
        var assessment = Scenario.Evaluate(Scenario.Model());

        Assert.Empty(assessment.SpecErrors);
        Assert.Empty(assessment.Findings);
        Assert.Equal(Phases.Compliant, assessment.Phase);
        Assert.Equal(100, assessment.Score);
        Assert.Equal(13, assessment.Results.Count);
        assessment.AssertSkipped(ControlIds.ForeignNetworkPolicy);
        assessment.AssertSkipped(ControlIds.ForeignBinding);
        assessment.AssertSkipped(ControlIds.SealedDataOpens);
    }
}
