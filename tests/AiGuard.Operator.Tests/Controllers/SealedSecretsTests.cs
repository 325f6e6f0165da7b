using System.Text;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Sealing;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Sealing;
using AiGuard.Sealing;
using k8s;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Sealed secrets open into content-addressed child Secrets; values sealed elsewhere block; unsealing is cached.</summary>
[Collection(SealingKeysCollection.Name)]
public sealed class SealedSecretsTests(SealingTestKeys keys)
{
    private const string Ns = "ml-sealed";

    [Fact]
    public async Task Opened_sealed_secret_becomes_a_mounted_child_secret_and_is_unsealed_once()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        await using var h = await OperatorHarness.StartAsync(sealing: verifier);
        await h.CreateNamespaceAsync(Ns);
        var model = TestModels.Compliant(Ns, "sealed");
        model.Spec.Secrets = [new SecretSpec
        {
            Name = "registry-token",
            SealedData = new() { ["token"] = SealingTestKeys.Seal(keys.Cluster, "s3cr3t-value", SealingScope.Strict(Ns, "sealed", "registry-token")) },
        }];
        await h.CreateAsync(model);

        var compliant = await h.WaitForPhaseAsync(Ns, "sealed", Phases.Compliant);
        Assert.Contains(keys.Cluster.KeyId, compliant.Status!.SealingKeys!);
        var secrets = (await h.Client.CoreV1.ListNamespacedSecretAsync(Ns, labelSelector: $"{ApiGroup.ModelDeploymentLabel}=sealed")).Items;
        var secret = Assert.Single(secrets);
        Assert.StartsWith("sealed-registry-token-", secret.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("s3cr3t-value", Encoding.UTF8.GetString(secret.Data["token"]));
        var deployment = await h.Client.AppsV1.ReadNamespacedDeploymentAsync("sealed", Ns);
        Assert.Contains(deployment.Spec.Template.Spec.Volumes, v => v.Secret?.SecretName == secret.Metadata.Name);

        // Later reconciles (a namespace label change re-evaluates the model) reuse the cached plaintext.
        var unseals = verifier.Unseals;
        await h.Client.CoreV1.PatchNamespaceAsync(new k8s.Models.V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", k8s.Models.V1Patch.PatchType.MergePatch), Ns);
        await Quiescence.WaitAsync(h.Core);
        Assert.Equal(unseals, verifier.Unseals);
    }

    [Fact]
    public async Task Value_sealed_for_another_model_blocks_the_rollout_without_a_secret()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        await using var h = await OperatorHarness.StartAsync(sealing: new SealedDataVerifier(ring));
        await h.CreateNamespaceAsync(Ns);
        var model = TestModels.Compliant(Ns, "stolen");
        model.Spec.Secrets = [new SecretSpec
        {
            Name = "registry-token",
            SealedData = new() { ["token"] = SealingTestKeys.Seal(keys.Cluster, "s3cr3t-value", SealingScope.Strict(Ns, "someone-else", "registry-token")) },
        }];
        await h.CreateAsync(model);

        var blocked = await h.WaitForPhaseAsync(Ns, "stolen", Phases.Blocked);
        var finding = Assert.Single(blocked.Status!.Findings!, f => f.Control == "AIG-SEC-03");
        Assert.DoesNotContain("s3cr3t", finding.Message, StringComparison.Ordinal);
        Assert.Empty((await h.Client.CoreV1.ListNamespacedSecretAsync(Ns, labelSelector: $"{ApiGroup.ModelDeploymentLabel}=stolen")).Items);
        Assert.Empty((await h.Client.AppsV1.ListNamespacedDeploymentAsync(Ns)).Items);
    }
}
