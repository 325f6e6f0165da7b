using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using AiGuard.Engine.Waivers;

namespace AiGuard.Engine.Tests;

public sealed class ExceptionTests
{
    private static readonly ModelDeploymentBuilder VulnerableModel = Scenario.Model().Image("vllm/vllm-openai:v0.6.2");

    private static Assessment Evaluate(params ExceptionBuilder[] exceptions) =>
        Scenario.Evaluate(
            VulnerableModel.Build(),
            [Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4").Enforce()],
            [.. exceptions.Select(e => e.Build())]);

    [Fact]
    public void Active_exception_waives_the_finding_but_still_reports_it()
    {
        var assessment = Evaluate(Scenario.Exception("triton-cve-wait", ControlIds.ImagePatchLevel));

        var finding = Assert.Single(assessment.FindingsOf(ControlIds.ImagePatchLevel));
        Assert.True(finding.Waived);
        Assert.Equal("triton-cve-wait", finding.WaivedBy);
        Assert.True(assessment.ResultOf(ControlIds.ImagePatchLevel)!.Passed);
        Assert.False(assessment.Blocked);
        Assert.Equal(Phases.Compliant, assessment.Phase);
        Assert.Equal(100, assessment.Score);
        Assert.True(assessment.Compliant);
    }

    [Fact]
    public void Unwaived_finding_blocks_under_enforce()
    {
        var assessment = Evaluate();

        Assert.True(assessment.Blocked);
        Assert.Equal(Phases.Blocked, assessment.Phase);
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void Expired_exception_waives_nothing()
    {
        var expired = Scenario.Exception("old", ControlIds.ImagePatchLevel).ExpiresAt(Scenario.Now.AddSeconds(-1));

        var assessment = Evaluate(expired);

        assessment.AssertFails(ControlIds.ImagePatchLevel);
        Assert.Null(assessment.NextChangeAt);
    }

    [Fact]
    public void Exception_expiring_exactly_now_waives_nothing()
    {
        Evaluate(Scenario.Exception("edge", ControlIds.ImagePatchLevel).ExpiresAt(Scenario.Now)).AssertFails(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Still_valid_exception_reports_its_expiry_as_the_next_change()
    {
        var expiry = Scenario.Now.AddDays(3);

        var assessment = Evaluate(
            Scenario.Exception("later", ControlIds.ImagePatchLevel).ExpiresAt(Scenario.Now.AddDays(20)),
            Scenario.Exception("sooner", ControlIds.ImagePatchLevel).ExpiresAt(expiry));

        Assert.Equal(expiry, assessment.NextChangeAt);
        Assert.Equal("later", assessment.FindingsOf(ControlIds.ImagePatchLevel).Single().WaivedBy);
    }

    [Fact]
    public void Exception_for_another_control_waives_nothing()
    {
        Evaluate(Scenario.Exception("other", ControlIds.ImagePinned)).AssertFails(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Exception_for_another_model_or_namespace_waives_nothing()
    {
        var otherModel = Scenario.Exception("other-model", ControlIds.ImagePatchLevel).For("someone-else");
        var otherNamespace = Scenario.Exception("other-ns", ControlIds.ImagePatchLevel).With(e => e.Metadata.NamespaceProperty = "elsewhere");

        Evaluate(otherModel, otherNamespace).AssertFails(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Wildcard_model_name_waives_for_every_model_of_the_namespace()
    {
        Assert.True(Evaluate(Scenario.Exception("all", ControlIds.ImagePatchLevel).For("*")).FindingsOf(ControlIds.ImagePatchLevel).Single().Waived);
    }

    public static TheoryData<string, Action<Api.Exceptions.GuardException>> InvalidExceptions => new()
    {
        { "wildcard control", e => e.Spec.Controls = ["*"] },
        { "no controls", e => e.Spec.Controls = [] },
        { "short justification", e => e.Spec.Justification = "because" },
        { "no approver", e => e.Spec.ApprovedBy = "" },
        { "no expiry", e => e.Spec.ExpiresAt = null },
        { "over 90 days", e => e.Metadata.CreationTimestamp = Scenario.Now.UtcDateTime.AddDays(-85) },
    };

    [Theory]
    [MemberData(nameof(InvalidExceptions))]
    public void Invalid_exception_waives_nothing(string why, Action<Api.Exceptions.GuardException> breakIt)
    {
        var exception = Scenario.Exception("broken", ControlIds.ImagePatchLevel).With(breakIt);

        Assert.True(ExceptionValidator.Validate(exception.Build()).Count > 0, $"an exception with {why} must be invalid");
        Evaluate(exception).AssertFails(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Exception_of_exactly_ninety_days_is_valid()
    {
        var exception = Scenario.Exception("edge", ControlIds.ImagePatchLevel).With(e =>
        {
            e.Metadata.CreationTimestamp = Scenario.Now.UtcDateTime.AddDays(-1);
            e.Spec.ExpiresAt = Scenario.Now.UtcDateTime.AddDays(89);
        });

        Assert.Empty(ExceptionValidator.Validate(exception.Build()));
        Assert.True(ExceptionValidator.IsActive(exception.Build(), Scenario.Now));
    }

    [Fact]
    public void Validation_names_each_problem_field()
    {
        var exception = new Api.Exceptions.GuardException { Spec = new Api.Exceptions.GuardExceptionSpec { Controls = ["*"] } };

        var fields = ExceptionValidator.Validate(exception).Select(e => e.Field).ToList();

        Assert.Contains("spec.modelDeployments", fields);
        Assert.Contains("spec.controls[0]", fields);
        Assert.Contains("spec.justification", fields);
        Assert.Contains("spec.approvedBy", fields);
        Assert.Contains("spec.expiresAt", fields);
    }
}
