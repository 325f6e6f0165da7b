using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

/// <summary>AIG-RBAC-04 (controls.md): operators and viewers are named people and workloads of the namespace.</summary>
public sealed class AccessSubjectTests
{
    [Theory]
    [InlineData("Group", "system:authenticated", null)]
    [InlineData("Group", "system:unauthenticated", null)]
    [InlineData("Group", "system:serviceaccounts", null)]
    [InlineData("Group", "system:serviceaccounts:" + Namespace, null)]
    [InlineData("Group", "system:masters", null)]
    [InlineData("Group", "System:Masters", null)]
    [InlineData("User", "system:anonymous", null)]
    [InlineData("User", "system:serviceaccount:kube-system:default", null)]
    [InlineData("User", " system:admin", null)]
    [InlineData("ServiceAccount", "default", "kube-system")]
    [InlineData("ServiceAccount", "builder", "other-team")]
    [InlineData("Group", "*", null)]
    [InlineData("User", "ml-*", null)]
    [InlineData("ServiceAccount", "*", null)]
    public void Broad_or_foreign_subject_fails_as_operator_and_as_viewer(string kind, string name, string? @namespace)
    {
        var subject = new AccessSubject { Kind = kind, Name = name, Namespace = @namespace };

        var asOperator = Scenario.Evaluate(Scenario.Model().With(s => s.Access = new AccessSpec { Operators = [subject] })).AssertFails(ControlIds.AccessSubject);
        var asViewer = Scenario.Evaluate(Scenario.Model().With(s => s.Access = new AccessSpec { Viewers = [Named("analysts"), subject] })).AssertFails(ControlIds.AccessSubject);

        Assert.StartsWith("spec.access.operators[0] ", Assert.Single(asOperator).Message, StringComparison.Ordinal);
        Assert.StartsWith("spec.access.viewers[1] ", Assert.Single(asViewer).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_people_groups_and_service_accounts_of_the_namespace_pass()
    {
        var model = Scenario.Model().With(s => s.Access = new AccessSpec
        {
            Operators = [Named("ml-oncall"), new AccessSubject { Kind = "User", Name = "alice@example.com" }],
            Viewers =
            [
                new AccessSubject { Kind = "ServiceAccount", Name = "dashboard" },
                new AccessSubject { Kind = "ServiceAccount", Name = "reporter", Namespace = Namespace },
                Named("systems-team"),
            ],
        });

        Scenario.Evaluate(model).AssertPasses(ControlIds.AccessSubject);
    }

    [Fact]
    public void A_model_without_operators_or_viewers_passes()
    {
        Scenario.Evaluate(Scenario.Model()).AssertPasses(ControlIds.AccessSubject);
    }

    [Fact]
    public void Each_bad_subject_is_reported_under_least_privilege()
    {
        var model = Scenario.Model().With(s => s.Access = new AccessSpec
        {
            Operators = [Named("system:authenticated"), Named("ml-oncall")],
            Viewers = [new AccessSubject { Kind = "ServiceAccount", Name = "x", Namespace = "other" }],
        });

        var assessment = Scenario.Evaluate(model);

        Assert.Equal(2, assessment.AssertFails(ControlIds.AccessSubject).Count);
        Assert.Equal(ConditionTypes.LeastPrivilege, assessment.ResultOf(ControlIds.AccessSubject)!.Area);
    }

    private static AccessSubject Named(string group) => new() { Kind = "Group", Name = group };
}
