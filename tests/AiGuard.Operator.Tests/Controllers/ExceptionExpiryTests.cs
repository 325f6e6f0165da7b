using System.Diagnostics;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;

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

    // The API server stores a date-time in any form strfmt accepts (lower-case t and z, nanoseconds, ',' before the
    // fraction). The operator once read only KubernetesClient's RFC 3339 layouts, so one such GuardException, which a
    // namespace admin may create, failed every GuardException LIST and kept the operator from ever being ready.
    [Fact]
    public async Task An_expiry_written_in_any_form_the_api_server_accepts_is_read_and_applied()
    {
        await Harness.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["nvcr.io/nvidia"] }));
        var tomorrow = DateTime.UtcNow.AddDays(1);
        var expiresAt = new DateTime(tomorrow.Year, tomorrow.Month, tomorrow.Day, tomorrow.Hour, tomorrow.Minute, tomorrow.Second, DateTimeKind.Utc);
        var written = expiresAt.ToString("yyyy-MM-dd't'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + ",123456789z";
        var exception = JsonNode.Parse($$"""
            {"apiVersion":"{{ApiGroup.Group}}/{{ApiGroup.Version}}","kind":"GuardException",
             "metadata":{"name":"oddly-written","namespace":"{{Ns}}"},
             "spec":{"modelDeployments":["odd"],"controls":["AIG-IMG-01"],"justification":"mirror lands next sprint; internal traffic only",
                     "approvedBy":"security@example.com","expiresAt":"{{written}}"} }
            """)!;
        await Harness.Client.CustomObjects.CreateNamespacedCustomObjectAsync(exception, ApiGroup.Group, ApiGroup.Version, Ns, GuardException.Plural);
        await Harness.CreateAsync(TestModels.Compliant(Ns, "odd"));

        var waived = await Harness.WaitForPhaseAsync(Ns, "odd", Phases.Compliant);

        var finding = Assert.Single(waived.Status!.Findings!);
        Assert.True(finding.Waived);
        Assert.Equal("oddly-written", finding.WaivedBy);
        var active = await OperatorHarness.PollAsync(async () =>
        {
            var e = await Harness.GetExceptionAsync(Ns, "oddly-written");
            return e.Status?.Active == true ? e : null;
        }, () => "the oddly written exception to report active");
        Assert.Equal(expiresAt.AddTicks(1_234_567), active.Spec!.ExpiresAt);
    }
}
