using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Autorest;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Under Enforce a blocking finding stops the rollout, while safety objects are still reconciled.</summary>
public sealed class BlockingTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-block";

    [Fact]
    public async Task Blocked_new_model_gets_no_deployment_but_its_safety_objects()
    {
        var model = TestModels.Compliant(Ns, "risky");
        model.Spec.Serving.SecurityContext = new SecurityContextSpec { Privileged = true };
        await Harness.CreateAsync(model);

        var blocked = await Harness.WaitForPhaseAsync(Ns, "risky", Phases.Blocked);

        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-POD-01" && !f.Waived);
        var stalled = Assert.Single(blocked.Status.Conditions!, c => c.Type == ConditionTypes.Stalled);
        Assert.Equal("RolloutBlocked", stalled.Reason);
        await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("risky", Ns);
        await Harness.Client.CoreV1.ReadNamespacedServiceAccountAsync("risky", Ns);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("risky", Ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);

        var events = await Harness.Client.EventsV1.ListNamespacedEventAsync(Ns);
        var ev = Assert.Single(events.Items, e => e.Reason == "RolloutBlocked" && e.Regarding.Name == "risky");
        Assert.Equal("aiguard-operator", ev.ReportingController);
        Assert.Equal("Warning", ev.Type);
    }

    [Fact]
    public async Task Existing_deployment_keeps_its_last_spec_when_a_change_becomes_blocking()
    {
        await Harness.CreateAsync(TestModels.Compliant(Ns, "steady"));
        await Harness.WaitForPhaseAsync(Ns, "steady", Phases.Compliant);
        var before = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("steady", Ns);

        await Harness.PatchModelAsync(Ns, "steady",
            """{"spec":{"serving":{"image":"ghcr.io/acme/triton:24.09-py3@sha256:0000000000000000000000000000000000000000000000000000000000000001","securityContext":{"privileged":true}}}}""");
        await Harness.WaitForPhaseAsync(Ns, "steady", Phases.Blocked);

        var after = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("steady", Ns);
        Assert.Equal(before.Metadata.Generation, after.Metadata.Generation);
        Assert.Equal(before.Spec.Template.Spec.Containers[0].Image, after.Spec.Template.Spec.Containers[0].Image);
        Assert.Null(after.Spec.Template.Spec.Containers[0].SecurityContext?.Privileged is true ? "privileged" : null);

        // Fixing the spec rolls the new image out.
        await Harness.PatchModelAsync(Ns, "steady", """{"spec":{"serving":{"securityContext":null}}}""");
        await Harness.WaitForPhaseAsync(Ns, "steady", Phases.Compliant);
        var fixedDeployment = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("steady", Ns);
        Assert.EndsWith("0000000000000000000000000000000000000000000000000000000000000001", fixedDeployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Audit_mode_reports_non_compliant_without_blocking()
    {
        var model = TestModels.Compliant(Ns, "audited");
        model.Spec.Enforcement = EnforcementModes.Audit;
        model.Spec.Serving.SecurityContext = new SecurityContextSpec { Privileged = true };
        await Harness.CreateAsync(model);

        await Harness.WaitForPhaseAsync(Ns, "audited", Phases.NonCompliant);
        await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("audited", Ns);
    }
}
