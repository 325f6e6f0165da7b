using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>The quarantine annotation and policy incident response isolate a model at once with a deny-all NetworkPolicy.</summary>
public sealed class QuarantineTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-quarantine";

    [Fact]
    public async Task Quarantine_annotation_isolates_the_model_within_a_second()
    {
        await Harness.CreateAsync(TestModels.Compliant(Ns, "suspect"));
        await Harness.WaitForPhaseAsync(Ns, "suspect", Phases.Compliant);
        var deploymentBefore = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("suspect", Ns);

        await Harness.PatchModelAsync(Ns, "suspect", """{"metadata":{"annotations":{"aiguard.io/quarantine":"suspected exfiltration, INC-4711"}}}""");
        await Eventually.TrueAsync(async () =>
        {
            var policy = await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("suspect", Ns);
            return IsDenyAll(policy);
        }, "a deny-all NetworkPolicy");

        var model = await Harness.WaitForPhaseAsync(Ns, "suspect", Phases.Quarantined);
        Assert.Contains("INC-4711", model.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Message);

        // The pods are kept for investigation: the Deployment is untouched.
        var deploymentAfter = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("suspect", Ns);
        Assert.Equal(deploymentBefore.Metadata.Generation, deploymentAfter.Metadata.Generation);
        var events = await Harness.Client.EventsV1.ListNamespacedEventAsync(Ns);
        Assert.Contains(events.Items, e => e.Reason == "Quarantined" && e.Regarding.Name == "suspect");

        // Lifting the quarantine restores the declared network policy.
        await Harness.PatchModelAsync(Ns, "suspect", """{"metadata":{"annotations":{"aiguard.io/quarantine":null}}}""");
        await Harness.WaitForPhaseAsync(Ns, "suspect", Phases.Compliant);
        Assert.False(IsDenyAll(await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("suspect", Ns)));
    }

    [Fact]
    public async Task Policy_incident_response_quarantines_a_model_with_a_critical_finding()
    {
        await Harness.CreateAsync(TestModels.Policy("incident", configure: spec =>
        {
            spec.Images = new ImagePolicy { MinimumVersions = [new MinimumVersion { Repository = "ghcr.io/acme/triton", Version = "25.01" }] };
            spec.IncidentResponse = new IncidentResponsePolicy { OnCritical = "Quarantine" };
        }));
        await Harness.CreateAsync(TestModels.Compliant(Ns, "outdated"));

        var model = await Harness.WaitForPhaseAsync(Ns, "outdated", Phases.Quarantined);
        Assert.Contains(model.Status!.Findings!, f => f.Control == "AIG-IMG-03" && f.Severity == "critical");
        Assert.True(IsDenyAll(await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("outdated", Ns)));
    }

    private static bool IsDenyAll(k8s.Models.V1NetworkPolicy policy) =>
        (policy.Spec.Ingress?.Count ?? 0) == 0
        && (policy.Spec.Egress?.Count ?? 0) == 0
        && policy.Spec.PolicyTypes.Contains("Ingress")
        && policy.Spec.PolicyTypes.Contains("Egress");
}
