using AiGuard.Testing;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>The project's own CRDs: every CEL rule they carry is enforced by the sandbox, none skipped.</summary>
public sealed class AiGuardCrdTests
{
    [Fact]
    public async Task Every_validation_rule_of_the_aiguard_crds_is_enforced()
    {
        await using var server = await SandboxServer.StartAsync();
        using var client = server.CreateClient();
        var files = Directory.GetFiles(RepositoryRoot.Combine("config", "crd", "bases"), "*.yaml");
        var rules = 0;
        foreach (var file in files)
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file));
            rules += KubernetesJson.Serialize(crd).Split("\"rule\":").Length - 1;
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }

        Assert.Equal(3, files.Length);
        Assert.True(rules >= 5, $"expected the CRDs to carry CEL rules, found {rules}");
        Assert.Empty(server.SkippedValidationRules);
    }
}
