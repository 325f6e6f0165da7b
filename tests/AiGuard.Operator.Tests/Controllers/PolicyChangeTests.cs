using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>GuardPolicy and Namespace label changes re-evaluate the models they govern; policies report what they match.</summary>
public sealed class PolicyChangeTests : IAsyncLifetime
{
    private const string Prod = "ml-prod";
    private const string Dev = "ml-dev";
    private OperatorHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await OperatorHarness.StartAsync();
        await _h.CreateNamespaceAsync(Prod, new() { ["aiguard.io/tier"] = "prod" });
        await _h.CreateNamespaceAsync(Dev);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Policy_change_flips_the_verdict_of_the_models_it_selects()
    {
        await _h.CreateAsync(TestModels.Compliant(Prod, "p1"));
        await _h.CreateAsync(TestModels.Compliant(Dev, "d1"));
        await _h.WaitForPhaseAsync(Prod, "p1", Phases.Compliant);
        await _h.WaitForPhaseAsync(Dev, "d1", Phases.Compliant);

        await _h.CreateAsync(TestModels.Policy("registries", new() { ["aiguard.io/tier"] = "prod" },
            spec => spec.Images = new ImagePolicy { AllowedRegistries = ["nvcr.io/nvidia"] }));

        var blocked = await _h.WaitForPhaseAsync(Prod, "p1", Phases.Blocked);
        Assert.Equal(["registries"], blocked.Status!.AppliedPolicies);
        Assert.Contains(blocked.Status.Findings!, f => f.Control == "AIG-IMG-01" && f.Policy == "registries");
        var policy = await OperatorHarness.PollAsync(async () =>
        {
            var p = await _h.GetPolicyAsync("registries");
            return p.Status?.MatchedModelDeployments == 1 ? p : null;
        }, () => "policy status matchedModelDeployments = 1");
        Assert.Equal("True", policy.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.Equal(policy.Metadata.Generation, policy.Status.ObservedGeneration);

        await _h.PatchPolicyAsync("registries", """{"spec":{"images":{"allowedRegistries":["nvcr.io/nvidia","ghcr.io/acme"]}}}""");
        await _h.WaitForPhaseAsync(Prod, "p1", Phases.Compliant);

        var dev = await _h.GetModelAsync(Dev, "d1");
        Assert.Empty(dev.Status!.AppliedPolicies!);
        Assert.Equal(Phases.Compliant, dev.Status.Phase);
    }

    [Fact]
    public async Task Namespace_label_change_brings_models_under_a_policy_and_back()
    {
        await _h.CreateAsync(TestModels.Policy("prod-only", new() { ["aiguard.io/tier"] = "prod" },
            spec => spec.Images = new ImagePolicy { AllowedRegistries = ["nvcr.io/nvidia"] }));
        await _h.CreateAsync(TestModels.Compliant(Dev, "moved"));
        await _h.WaitForPhaseAsync(Dev, "moved", Phases.Compliant);

        await _h.Client.CoreV1.PatchNamespaceAsync(new k8s.Models.V1Patch("""{"metadata":{"labels":{"aiguard.io/tier":"prod"}}}""", k8s.Models.V1Patch.PatchType.MergePatch), Dev);
        await _h.WaitForPhaseAsync(Dev, "moved", Phases.Blocked);

        await _h.Client.CoreV1.PatchNamespaceAsync(new k8s.Models.V1Patch("""{"metadata":{"labels":{"aiguard.io/tier":null}}}""", k8s.Models.V1Patch.PatchType.MergePatch), Dev);
        await _h.WaitForPhaseAsync(Dev, "moved", Phases.Compliant);
    }
}
