using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// kstatus readers (Flux's health checks, kpt, cli-utils) decide from Reconciling, Stalled, Ready and
/// observedGeneration alone whether an apply has converged. These tests read the operator's status the way they do.
/// </summary>
public sealed class KstatusTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-kstatus";

    [Fact]
    public async Task A_compliant_model_and_an_active_exception_are_current()
    {
        await Harness.CreateAsync(TestModels.Exception(Ns, "mirror", "served", "AIG-IMG-03", WholeSeconds(DateTime.UtcNow.AddDays(7))));
        await Harness.CreateAsync(TestModels.Compliant(Ns, "served"));

        var model = await EventuallyAsync(ModelDeployment.Plural, "served", KstatusResult.Current);
        Assert.Equal("Available", model.Reason);
        var exception = await EventuallyAsync(GuardException.Plural, "mirror", KstatusResult.Current);
        Assert.Equal("Active", exception.Reason);
        var stored = await Harness.GetExceptionAsync(Ns, "mirror");
        Assert.DoesNotContain(stored.Status!.Conditions!, c => c.Type == ConditionTypes.Stalled);
    }

    [Fact]
    public async Task A_model_is_in_progress_while_its_deployment_rolls_out_then_current()
    {
        await using var h = await OperatorHarness.StartAsync(simulateWorkloads: false);
        await h.CreateNamespaceAsync(Ns);
        await h.CreateAsync(TestModels.Compliant(Ns, "rolling"));

        var progressing = await EventuallyAsync(h, ModelDeployment.Plural, "rolling", KstatusResult.InProgress, r => r.Reason == "Progressing");
        Assert.Contains("rolling out", progressing.Message, StringComparison.Ordinal);

        // Stand in for the deployment controller: report the rollout available.
        var deployment = await h.Client.AppsV1.ReadNamespacedDeploymentAsync("rolling", Ns);
        var status = $$$"""
            {"status":{"observedGeneration":{{{deployment.Metadata.Generation}}},"replicas":1,"availableReplicas":1,"readyReplicas":1,"updatedReplicas":1,
              "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"ok"}]}}
            """;
        await h.Client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), "rolling", Ns);

        await EventuallyAsync(h, ModelDeployment.Plural, "rolling", KstatusResult.Current);
        var model = await h.GetModelAsync(Ns, "rolling");
        Assert.DoesNotContain(model.Status!.Conditions!, c => c.Type is ConditionTypes.Reconciling or ConditionTypes.Stalled);
        Assert.All(model.Status.Conditions!, c => Assert.Equal(model.Metadata.Generation, c.ObservedGeneration));
    }

    [Fact]
    public async Task An_expired_exception_fails_and_comes_back_when_its_expiry_is_extended()
    {
        await Harness.CreateAsync(TestModels.Exception(Ns, "lapsed", "served", "AIG-IMG-03", WholeSeconds(DateTime.UtcNow.AddDays(-1))));

        var expired = await EventuallyAsync(GuardException.Plural, "lapsed", KstatusResult.Failed);
        Assert.Equal("Expired", expired.Reason);
        Assert.Contains("expiresAt", expired.Message, StringComparison.Ordinal);
        var stored = await Harness.GetExceptionAsync(Ns, "lapsed");
        var ready = Assert.Single(stored.Status!.Conditions!, c => c.Type == ConditionTypes.Ready);
        Assert.Equal(("False", "Expired"), (ready.Status, ready.Reason));

        var extended = WholeSeconds(DateTime.UtcNow.AddDays(7));
        await Harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch($$$"""{"spec":{"expiresAt":"{{{extended:yyyy-MM-ddTHH:mm:ssZ}}}"}}""", V1Patch.PatchType.MergePatch),
            AiGuard.Api.ApiGroup.Group, AiGuard.Api.ApiGroup.Version, Ns, GuardException.Plural, "lapsed");

        await EventuallyAsync(GuardException.Plural, "lapsed", KstatusResult.Current, r => r.Reason == "Active");
        var renewed = await Harness.GetExceptionAsync(Ns, "lapsed");
        Assert.DoesNotContain(renewed.Status!.Conditions!, c => c.Type == ConditionTypes.Stalled);
        Assert.Equal(renewed.Metadata.Generation, renewed.Status.ObservedGeneration);
    }

    [Fact]
    public async Task An_exception_beyond_the_maximum_lifetime_fails_as_invalid_naming_the_field()
    {
        await Harness.CreateAsync(TestModels.Exception(Ns, "forever", "served", "AIG-IMG-03", WholeSeconds(DateTime.UtcNow.AddDays(365))));

        var invalid = await EventuallyAsync(GuardException.Plural, "forever", KstatusResult.Failed);
        Assert.Equal("Invalid", invalid.Reason);
        Assert.Contains("spec.expiresAt", invalid.Message, StringComparison.Ordinal);
        var stored = await Harness.GetExceptionAsync(Ns, "forever");
        Assert.False(stored.Status!.Active);
        Assert.Equal("False", Assert.Single(stored.Status.Conditions!, c => c.Type == ConditionTypes.Ready).Status);
    }

    [Fact]
    public async Task A_model_blocked_by_policy_fails_instead_of_waiting_forever()
    {
        await Harness.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["nvcr.io/nvidia"] }));
        await Harness.CreateAsync(TestModels.Compliant(Ns, "foreign"));

        var blocked = await EventuallyAsync(ModelDeployment.Plural, "foreign", KstatusResult.Failed);
        Assert.Equal("RolloutBlocked", blocked.Reason);
        var model = await Harness.GetModelAsync(Ns, "foreign");
        Assert.Equal("False", Assert.Single(model.Status!.Conditions!, c => c.Type == ConditionTypes.Ready).Status);
    }

    private static DateTime WholeSeconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private Task<KstatusResult> EventuallyAsync(string plural, string name, string expected, Func<KstatusResult, bool>? also = null) =>
        EventuallyAsync(Harness, plural, name, expected, also);

    private static async Task<KstatusResult> EventuallyAsync(OperatorHarness harness, string plural, string name, string expected, Func<KstatusResult, bool>? also = null)
    {
        KstatusResult? last = null;
        return await OperatorHarness.PollAsync(async () =>
        {
            last = await KstatusReader.ReadAsync(harness.Client, plural, Ns, name);
            return last.Status == expected && (also?.Invoke(last) ?? true) ? last : null;
        }, () => $"{plural}/{name} to be {expected}; kstatus says {last}");
    }
}
