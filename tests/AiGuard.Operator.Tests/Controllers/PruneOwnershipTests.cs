using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Issue 8, item 3: pruning deletes only objects this ModelDeployment's uid controls, and only that uid.</summary>
public sealed class PruneOwnershipTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-prune";

    [Fact]
    public async Task Pruning_spares_look_alike_children_the_model_does_not_control()
    {
        var model = await Harness.CreateAsync(TestModels.Compliant(Ns, "pruned", withAccess: true));
        await Harness.WaitForPhaseAsync(Ns, "pruned", Phases.Compliant);

        // Looks like a stale child in every way the cache can see (labels, an ownerReference to the model's uid), but
        // the model is not its controller: it was never the operator's to delete.
        var bystander = new ForeignChild("Role", "pruned-extra", Ns);
        await bystander.CreateAsync(Harness.Client,
            new Dictionary<string, string> { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue, [ApiGroup.ModelDeploymentLabel] = "pruned" },
            [new V1OwnerReference { ApiVersion = ApiGroup.GroupVersion, Kind = ModelDeployment.KubeKind, Name = "pruned", Uid = model.Metadata.Uid }]);
        var before = await bystander.SnapshotAsync(Harness.Client);

        // An ownerReference never reaches across namespaces: a look-alike stale child in another namespace, even with
        // a controller reference to the model's uid, is not the model's.
        await Harness.CreateNamespaceAsync("ml-prune-other");
        var elsewhere = new ForeignChild("Role", "pruned-viewer", "ml-prune-other");
        await elsewhere.CreateAsync(Harness.Client,
            new Dictionary<string, string> { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue, [ApiGroup.ModelDeploymentLabel] = "pruned" },
            [new V1OwnerReference { ApiVersion = ApiGroup.GroupVersion, Kind = ModelDeployment.KubeKind, Name = "pruned", Uid = model.Metadata.Uid, Controller = true }]);
        var elsewhereBefore = await elsewhere.SnapshotAsync(Harness.Client);

        // Dropping the viewers makes the model prune its own viewer Role and binding.
        await Harness.PatchModelAsync(Ns, "pruned", """{"spec":{"access":{"viewers":null}}}""");
        await Eventually.TrueAsync(async () => await new ForeignChild("Role", "pruned-viewer", Ns).ReadAsync(Harness.Client) is null, "the viewer Role pruned");
        await Eventually.TrueAsync(async () => await new ForeignChild("RoleBinding", "pruned-viewer", Ns).ReadAsync(Harness.Client) is null, "the viewer RoleBinding pruned");
        await Quiescence.WaitAsync(Harness.Core);

        Assert.Equal(before, await bystander.SnapshotAsync(Harness.Client));
        Assert.Equal(elsewhereBefore, await elsewhere.SnapshotAsync(Harness.Client));
    }

    [Fact]
    public async Task Delete_carries_the_uid_so_an_object_that_replaced_the_child_survives()
    {
        var children = new ChildResources(Harness.OperatorClient, Harness.Core.Caches);
        var role = new ForeignChild("Role", "replaced", Ns);
        await role.CreateAsync(Harness.Client, null, null);
        var seen = await role.ReadAsync(Harness.Client);

        // Between the operator's observation and its delete, the object is replaced by another of the same name.
        await role.DeleteAsync(Harness.Client);
        await role.CreateAsync(Harness.Client, null, null);
        var replacement = await role.SnapshotAsync(Harness.Client);

        await children.Roles.DeleteAsync(seen!, CancellationToken.None);

        Assert.Equal(replacement, await role.SnapshotAsync(Harness.Client));
        Assert.NotEqual(seen!.Metadata.Uid, (await role.ReadAsync(Harness.Client))!.Metadata.Uid);
    }
}
