using System.Diagnostics;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Tests.Controllers.Support;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>A GuardException waives findings until its expiry; the operator re-evaluates at that moment.</summary>
public sealed class ExceptionExpiryTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-waived";

    [Fact]
    public async Task Waived_model_is_blocked_again_right_after_the_exception_expires()
    {
        await Harness.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["nvcr.io/nvidia"] }));
        // Whole seconds: the API keeps RFC 3339 seconds.
        var now = DateTime.UtcNow;
        var expiresAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(4);
        await Harness.CreateAsync(TestModels.Exception(Ns, "wait-for-mirror", "waived", "AIG-IMG-01", expiresAt));
        await Harness.CreateAsync(TestModels.Compliant(Ns, "waived"));

        var waived = await Harness.WaitForPhaseAsync(Ns, "waived", Phases.Compliant);
        var finding = Assert.Single(waived.Status!.Findings!);
        Assert.True(finding.Waived);
        Assert.Equal("wait-for-mirror", finding.WaivedBy);
        var exception = await OperatorHarness.PollAsync(async () =>
        {
            var e = await Harness.GetExceptionAsync(Ns, "wait-for-mirror");
            return e.Status?.Active == true && e.Status.MatchedModelDeployments == 1 ? e : null;
        }, () => "the exception to report active with one match");
        Assert.Equal("Active", exception.Status!.Conditions!.Single(c => c.Type == "Ready").Reason);

        var blocked = await Harness.WaitForPhaseAsync(Ns, "waived", Phases.Blocked, TimeSpan.FromSeconds(10));
        var late = DateTime.UtcNow - expiresAt;
        Assert.True(late < TimeSpan.FromSeconds(2), $"re-evaluated {late} after the expiry");
        Assert.False(Assert.Single(blocked.Status!.Findings!).Waived);

        var expired = await OperatorHarness.PollAsync(async () =>
        {
            var e = await Harness.GetExceptionAsync(Ns, "wait-for-mirror");
            return e.Status?.Active == false ? e : null;
        }, () => "the exception to report expired");
        Assert.Equal("Expired", expired.Status!.Conditions!.Single(c => c.Type == "Ready").Reason);
        Assert.Equal(0, expired.Status.MatchedModelDeployments);
    }
}
