using System.Text.Json;
using AiGuard.Sandbox.Tests.Clients;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The operator's GC settings (docs/performance.md, "Operator memory per model") are its environment wherever it is
/// installed (the chart, config/manager, the Containerfile), and never the aiguard app's runtimeconfig, which would
/// impose them on `aiguard audit` and every other command.
/// </summary>
public sealed class OperatorGcEnvironmentTests
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_GCConserveMemory"] = "5",
        ["DOTNET_GCgen0size"] = "0x400000",
    };

    [Fact]
    public async Task Chart_and_kustomize_give_the_operator_the_same_gc_environment()
    {
        using var session = new KubeClientSession();
        var chart = (await RenderedChart.RenderAsync(session)).Typed<V1Deployment>("Deployment");
        var kustomize = (await InstallManifests.KustomizeAsync(session, "default")).OfType<V1Deployment>().Single();

        foreach (var deployment in new[] { chart, kustomize })
        {
            var env = deployment.Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
            foreach (var (name, value) in Expected)
            {
                Assert.True(env.TryGetValue(name, out var actual) && actual == value, $"{deployment.Metadata.Name}: {name} is '{actual}', not '{value}'");
            }
        }
    }

    [Fact]
    public void Containerfile_sets_the_gc_environment()
    {
        var containerfile = File.ReadAllText(RepositoryRoot.Combine("Containerfile"));
        foreach (var (name, value) in Expected)
        {
            Assert.Contains($"{name}={value}", containerfile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Aiguard_runtimeconfig_leaves_the_gc_to_the_runtime_defaults()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "aiguard.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var p)
            ? p.EnumerateObject().Select(o => o.Name).ToList()
            : [];
        Assert.DoesNotContain(properties, name => name.StartsWith("System.GC.", StringComparison.Ordinal));
    }

    [Fact]
    public void Aiguard_runtimeconfig_turns_dynamic_pgo_off_for_every_command()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "aiguard.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    [Fact]
    public void Aiguard_runtimeconfig_starts_tier1_recompiles_without_waiting_for_a_quiet_moment()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "aiguard.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(0, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
    }
}
