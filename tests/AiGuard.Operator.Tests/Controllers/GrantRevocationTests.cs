using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Issue 8, item 2 (controls.md, "Grants"): a forbidden grant never exists, not even for one watch event, and a grant
/// that stops being allowed is revoked in the same reconcile, even while the old Deployment keeps running.
/// Each test watches the namespace's Roles and RoleBindings from before the ModelDeployment exists.
/// </summary>
public sealed class GrantRevocationTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-grants";

    private static readonly V1PolicyRule ReadConfigMaps = new() { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] };

    // AIG-RBAC-02: any verb on secrets.
    private static readonly V1PolicyRule ReadSecrets = new() { ApiGroups = [""], Resources = ["secrets"], Verbs = ["get"] };

    [Fact]
    public async Task Model_created_with_forbidden_api_rules_never_gets_its_role_or_binding()
    {
        using var history = await RbacHistory.StartAsync(Harness.Client, Ns);

        await Harness.CreateAsync(Model("greedy", ReadSecrets));
        await Harness.WaitForPhaseAsync(Ns, "greedy", Phases.Blocked);
        await Quiescence.WaitAsync(Harness.Core);

        AssertNeverGranted(history, "greedy");
    }

    [Fact]
    public async Task Api_rules_changed_to_forbidden_are_revoked_in_the_same_reconcile_while_the_old_deployment_keeps_running()
    {
        using var history = await RbacHistory.StartAsync(Harness.Client, Ns);
        await Harness.CreateAsync(Model("drifter", ReadConfigMaps));
        await Harness.WaitForPhaseAsync(Ns, "drifter", Phases.Compliant);
        Assert.NotNull(await new ForeignChild("RoleBinding", "drifter", Ns).ReadAsync(Harness.Client));
        var deployment = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("drifter", Ns);

        await Harness.PatchModelAsync(Ns, "drifter", """{"spec":{"access":{"apiRules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]}}}""");
        await Harness.WaitForPhaseAsync(Ns, "drifter", Phases.Blocked);

        // The status of the new generation is written after the prune of the same reconcile: the grant is gone by then.
        Assert.Null(await new ForeignChild("Role", "drifter", Ns).ReadAsync(Harness.Client));
        Assert.Null(await new ForeignChild("RoleBinding", "drifter", Ns).ReadAsync(Harness.Client));
        var running = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("drifter", Ns);
        Assert.Equal(deployment.Metadata.Uid, running.Metadata.Uid);
        Assert.Equal(deployment.Metadata.Generation, running.Metadata.Generation);
        await Quiescence.WaitAsync(Harness.Core);
        Assert.DoesNotContain(history.Events, e => e.Object is V1Role role && Names(role, "secrets"));
    }

    [Fact]
    public async Task Quarantined_model_never_gets_its_api_rules_binding_and_loses_it_when_quarantined_later()
    {
        using var history = await RbacHistory.StartAsync(Harness.Client, Ns);
        var isolated = Model("isolated", ReadConfigMaps);
        isolated.Metadata.Annotations = new Dictionary<string, string> { ["aiguard.io/quarantine"] = "INC-1" };
        await Harness.CreateAsync(isolated);
        await Harness.CreateAsync(Model("suspect", ReadConfigMaps));
        await Harness.WaitForPhaseAsync(Ns, "isolated", Phases.Quarantined);
        await Harness.WaitForPhaseAsync(Ns, "suspect", Phases.Compliant);

        await Harness.PatchModelAsync(Ns, "suspect", """{"metadata":{"annotations":{"aiguard.io/quarantine":"INC-2"}}}""");
        await Harness.WaitForModelAsync(Ns, "suspect", m => m.Status?.Phase == Phases.Quarantined, "phase Quarantined");
        Assert.Null(await new ForeignChild("RoleBinding", "suspect", Ns).ReadAsync(Harness.Client));
        await Quiescence.WaitAsync(Harness.Core);

        AssertNeverGranted(history, "isolated");
    }

    [Fact]
    public async Task Audit_mode_runs_the_model_without_any_forbidden_grant()
    {
        using var history = await RbacHistory.StartAsync(Harness.Client, Ns);
        var audited = Model("audited", ReadSecrets);
        audited.Spec.Enforcement = EnforcementModes.Audit;
        // AIG-RBAC-04: a system: group.
        audited.Spec.Access!.Operators = [new AccessSubject { Kind = "Group", Name = "system:masters" }];
        await Harness.CreateAsync(audited);

        await Harness.WaitForModelAsync(Ns, "audited", m => m.Status?.Phase is Phases.NonCompliant or Phases.Progressing
            && m.Status.ObservedGeneration == m.Metadata.Generation, "Audit mode to report without blocking");
        await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("audited", Ns);
        await Quiescence.WaitAsync(Harness.Core);

        AssertNeverGranted(history, "audited");
        AssertNeverGranted(history, "audited-operator");
    }

    private static ModelDeployment Model(string name, V1PolicyRule rule)
    {
        var model = TestModels.Compliant(Ns, name);
        model.Spec.Access = new AccessSpec { ApiRules = [rule] };
        return model;
    }

    private static bool Names(V1Role role, string resource) => (role.Rules ?? []).Any(r => r.Resources?.Contains(resource) == true);

    private static void AssertNeverGranted(RbacHistory history, string name) =>
        Assert.DoesNotContain(history.Events, e => e.Name == name);
}
