using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Sealing;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Sealing;
using AiGuard.Sealing;
using k8s;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Issue 8, item 1 for the Secret kind: a foreign Secret holding the content-addressed name of a model's decrypted
/// Secret is never overwritten (it would then be mounted as the model's credentials) nor deleted.
/// </summary>
[Collection(SealingKeysCollection.Name)]
public sealed class SecretNameConflictTests(SealingTestKeys keys)
{
    private const string Ns = "ml-secret-owner";

    [Fact]
    public async Task Foreign_secret_with_the_childs_name_is_never_written_or_deleted_and_freezes_the_model()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        await using var h = await OperatorHarness.StartAsync(
            options: new OperatorCoreOptions { NameConflictRecheck = TimeSpan.FromMilliseconds(200) }, sealing: new SealedDataVerifier(ring));
        await h.CreateNamespaceAsync(Ns);
        var sealedValue = SealingTestKeys.Seal(keys.Cluster, "s3cr3t-value", SealingScope.Strict(Ns, "vault", "registry-token"));
        ModelDeployment Model()
        {
            var model = TestModels.Compliant(Ns, "vault");
            model.Spec.Secrets = [new SecretSpec { Name = "registry-token", SealedData = new() { ["token"] = sealedValue } }];
            return model;
        }

        // Learn the child's name from a first model, then let the garbage collector take it.
        await h.CreateAsync(Model());
        await h.WaitForPhaseAsync(Ns, "vault", Phases.Compliant);
        var name = Assert.Single((await h.Client.CoreV1.ListNamespacedSecretAsync(Ns, labelSelector: $"{ApiGroup.ModelDeploymentLabel}=vault")).Items).Metadata.Name;
        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, Ns, ModelDeployment.Plural, "vault");
        var foreign = new ForeignChild("Secret", name, Ns);
        await Eventually.TrueAsync(async () => await foreign.ReadAsync(h.Client) is null, "the first model's Secret collected");
        await Eventually.TrueAsync(async () => await new ForeignChild("Deployment", "vault", Ns).ReadAsync(h.Client) is null, "the first model's Deployment collected");

        await foreign.CreateAsync(h.Client, null, null);
        var before = await foreign.SnapshotAsync(h.Client);
        var uid = (await h.CreateAsync(Model())).Metadata.Uid;

        var stalled = await h.WaitForModelAsync(Ns, "vault", m =>
            m.Status?.Phase == Phases.Error
            && m.Status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Stalled) is { Reason: "NameConflict" } c
            && c.Message.Contains($"Secret {name}", StringComparison.Ordinal), "Stalled NameConflict naming the Secret");
        Assert.DoesNotContain("s3cr3t", KubernetesJson.Serialize(stalled.Status), StringComparison.Ordinal);
        Assert.Equal(before, await foreign.SnapshotAsync(h.Client));
        Assert.Null(await new ForeignChild("Deployment", "vault", Ns).ReadAsync(h.Client));

        // Deleting the model leaves the Secret exactly as it was.
        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, Ns, ModelDeployment.Plural, "vault");
        await Eventually.TrueAsync(async () => await new ForeignChild("NetworkPolicy", "vault", Ns).ReadAsync(h.Client) is null, "the model's children collected");
        await Quiescence.WaitAsync(h.Core);
        Assert.Equal(before, await foreign.SnapshotAsync(h.Client));
        uid = (await h.CreateAsync(Model())).Metadata.Uid;

        // Gone: the model's own Secret is created and the model rolls out.
        await foreign.DeleteAsync(h.Client);
        await Eventually.TrueAsync(async () => ChildOwnership.IsControlledBy(await foreign.ReadAsync(h.Client), uid), "the model's own Secret");
        await h.WaitForPhaseAsync(Ns, "vault", Phases.Compliant);
    }
}
