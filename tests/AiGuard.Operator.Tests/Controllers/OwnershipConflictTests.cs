using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Issue 8, item 1: a user who may create one ModelDeployment cannot take over, rewrite or garbage-collect someone
/// else's object by naming the model after it. The operator writes and deletes nothing of a name it does not control,
/// freezes the Deployment, and reports phase Error, Stalled=True NameConflict and a Warning event.
/// </summary>
public sealed class OwnershipConflictTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-owner";

    public enum Foreign
    {
        /// <summary>Invisible to the operator's label-selected caches.</summary>
        Unlabeled,

        /// <summary>Carries the operator's own labels, which prove nothing.</summary>
        ManagedByLabel,

        /// <summary>Labelled and with a (non-controller) ownerReference to another ModelDeployment.</summary>
        OwnedByAnotherModel,
    }

    protected override OperatorCoreOptions Options => new() { NameConflictRecheck = TimeSpan.FromMilliseconds(200) };

    [Theory]
    [InlineData(Foreign.Unlabeled)]
    [InlineData(Foreign.ManagedByLabel)]
    [InlineData(Foreign.OwnedByAnotherModel)]
    public async Task Foreign_object_of_any_child_kind_is_never_written_or_deleted_and_freezes_the_model(Foreign foreign)
    {
        var client = Harness.Client;
        List<V1OwnerReference>? owners = null;
        if (foreign == Foreign.OwnedByAnotherModel)
        {
            var bystander = await Harness.CreateAsync(TestModels.Compliant(Ns, "bystander"));
            owners = [new V1OwnerReference { ApiVersion = ApiGroup.GroupVersion, Kind = ModelDeployment.KubeKind, Name = "bystander", Uid = bystander.Metadata.Uid }];
        }

        // One model per kind, each named after a foreign object of that kind only.
        var cases = ForeignChild.Kinds.Select(kind => new ForeignChild(kind, kind.ToLowerInvariant(), Ns)).ToList();
        var snapshots = new Dictionary<ForeignChild, string>();
        foreach (var c in cases)
        {
            var labels = foreign == Foreign.Unlabeled ? null : new Dictionary<string, string>
            {
                [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue,
                [ApiGroup.ModelDeploymentLabel] = c.Name,
            };
            await c.CreateAsync(client, labels, owners);
            snapshots[c] = await c.SnapshotAsync(client);
        }

        // Create: a conflict for each, nothing of that name touched, no Deployment.
        foreach (var c in cases)
        {
            await Harness.CreateAsync(ModelWithGrants(c.Name));
        }

        foreach (var c in cases)
        {
            await WaitForConflictAsync(c);
        }

        await AssertUntouchedAsync(cases, snapshots);
        var events = (await client.EventsV1.ListNamespacedEventAsync(Ns)).Items;
        Assert.All(cases, c => Assert.Contains(events, e =>
            e.Reason == "NameConflict" && e.Type == "Warning" && e.Regarding.Name == c.Name && e.Note.Contains($"{c.Kind} {c.Name}", StringComparison.Ordinal)));

        // Update: still a conflict at the new generation, still untouched.
        foreach (var c in cases)
        {
            await Harness.PatchModelAsync(Ns, c.Name, """{"spec":{"serving":{"port":8080}}}""");
        }

        foreach (var c in cases)
        {
            await WaitForConflictAsync(c);
        }

        await AssertUntouchedAsync(cases, snapshots);

        // Delete: the garbage collector removes the model's own children, never the foreign object.
        foreach (var c in cases)
        {
            await DeleteModelAsync(c.Name);
        }

        await Quiescence.WaitAsync(Harness.Core);
        await AssertUntouchedAsync(cases, snapshots);

        // The conflict resolves once the foreign object goes away: the child is created, owned by the model.
        var uids = new Dictionary<ForeignChild, string>();
        foreach (var c in cases)
        {
            uids[c] = (await Harness.CreateAsync(ModelWithGrants(c.Name))).Metadata.Uid;
        }

        foreach (var c in cases)
        {
            await WaitForConflictAsync(c);
            await c.DeleteAsync(client);
        }

        foreach (var c in cases)
        {
            await Eventually.TrueAsync(async () => ChildOwnership.IsControlledBy(await c.ReadAsync(client), uids[c]), $"{c.Kind} {c.Name} created for its model");
            await Harness.WaitForModelAsync(Ns, c.Name, m => m.Status?.Phase is Phases.Progressing or Phases.Compliant, "the conflict to resolve");
        }
    }

    [Fact]
    public async Task Model_named_after_another_models_role_cannot_take_over_that_role_or_its_binding()
    {
        var client = Harness.Client;
        await Harness.CreateAsync(TestModels.Compliant(Ns, "victim", withAccess: true));
        await Harness.WaitForPhaseAsync(Ns, "victim", Phases.Compliant);
        ForeignChild[] taken = [new("Role", "victim-operator", Ns), new("RoleBinding", "victim-operator", Ns)];
        var snapshots = new Dictionary<ForeignChild, string>();
        foreach (var c in taken)
        {
            snapshots[c] = await c.SnapshotAsync(client);
        }

        // The attacker's apiRules Role and binding are named like the victim's operator Role and binding.
        await Harness.CreateAsync(ModelWithGrants("victim-operator"));
        var stalled = await WaitForConflictAsync(taken[0]);
        Assert.Contains("RoleBinding victim-operator", stalled.Message, StringComparison.Ordinal);
        await AssertUntouchedAsync(taken, snapshots);

        await Harness.PatchModelAsync(Ns, "victim-operator", """{"spec":{"access":{"apiRules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get","list"]}]}}}""");
        await WaitForConflictAsync(taken[0]);
        await AssertUntouchedAsync(taken, snapshots);

        await DeleteModelAsync("victim-operator");
        await Quiescence.WaitAsync(Harness.Core);
        await AssertUntouchedAsync(taken, snapshots);
        Assert.Equal(Phases.Compliant, (await Harness.GetModelAsync(Ns, "victim")).Status!.Phase);
    }

    [Fact]
    public async Task Apirules_binding_is_withheld_while_the_service_account_name_is_foreign()
    {
        var account = new ForeignChild("ServiceAccount", "borrowed", Ns);
        await account.CreateAsync(Harness.Client, null, null);

        await Harness.CreateAsync(ModelWithGrants("borrowed"));
        // The status is written after the apply step of the same reconcile has passed the binding (and while the
        // conflict lasts the operator rechecks every 200 ms, so it never idles).
        await WaitForConflictAsync(account);

        // The binding would grant the model's apiRules to someone else's identity.
        Assert.Null(await new ForeignChild("RoleBinding", "borrowed", Ns).ReadAsync(Harness.Client));
    }

    private static ModelDeployment ModelWithGrants(string name)
    {
        var model = TestModels.Compliant(Ns, name);
        model.Spec.Access = new AccessSpec { ApiRules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] }] };
        return model;
    }

    private async Task<V1Condition> WaitForConflictAsync(ForeignChild c)
    {
        var model = await Harness.WaitForModelAsync(Ns, c.Name, m =>
            m.Status is { Phase: Phases.Error } status
            && status.ObservedGeneration == m.Metadata.Generation
            && status.Conditions?.FirstOrDefault(x => x.Type == ConditionTypes.Stalled) is { Status: "True", Reason: "NameConflict" } stalled
            && stalled.Message.Contains($"{c.Kind} {c.Name}", StringComparison.Ordinal),
            $"Stalled NameConflict naming {c.Kind} {c.Name}");
        return model.Status!.Conditions!.Single(x => x.Type == ConditionTypes.Stalled);
    }

    private async Task AssertUntouchedAsync(IEnumerable<ForeignChild> cases, Dictionary<ForeignChild, string> snapshots)
    {
        foreach (var c in cases)
        {
            Assert.Equal(snapshots[c], await c.SnapshotAsync(Harness.Client));
            if (c.Kind != "Deployment")
            {
                // No Deployment is created while any child conflicts.
                Assert.Null(await new ForeignChild("Deployment", c.Name, Ns).ReadAsync(Harness.Client));
            }
        }
    }

    private async Task DeleteModelAsync(string name)
    {
        await Harness.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, Ns, ModelDeployment.Plural, name);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await Harness.GetModelAsync(Ns, name);
                return false;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return true;
            }
        }, $"{name} to be deleted");
    }
}
