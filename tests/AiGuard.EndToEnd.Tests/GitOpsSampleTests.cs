using System.Text.Json.Nodes;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The GitOps material users copy: the argocd-cm snippet in docs/install.md must be the committed health checks, and
/// the Flux samples must wait for what they apply and install what the repository ships.
/// </summary>
public sealed class GitOpsSampleTests
{
    private static readonly string FluxSamples = RepositoryRoot.Combine("config", "samples", "flux");

    public static TheoryData<string> HealthChecks => new("ModelDeployment", "GuardPolicy", "GuardException");

    [Theory]
    [MemberData(nameof(HealthChecks))]
    public void Argocd_cm_snippet_in_the_install_guide_is_the_committed_health_check(string kind)
    {
        var script = File.ReadAllText(RepositoryRoot.Combine("config", "argocd", "resource_customizations", "aiguard.io", kind, "health.lua"));
        var indented = string.Join('\n', script.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? "" : "    " + line));
        var guide = File.ReadAllText(RepositoryRoot.Combine("docs", "install.md"));

        Assert.Contains($"  resource.customizations.health.aiguard.io_{kind}: |\n{indented}\n", guide, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_flux_kustomization_waits_for_what_it_applies()
    {
        var kustomizations = FluxObjects().Where(o => Kind(o) == "Kustomization").ToList();

        Assert.Equal(["aiguard-operator", "ml-prod-models"], kustomizations.Select(Name).Order(StringComparer.Ordinal));
        Assert.All(kustomizations, k => Assert.True(k["spec"]!["wait"]?.GetValue<bool>() == true, $"{Name(k)}: spec.wait must be true"));
        Assert.All(kustomizations, k => Assert.True(k["spec"]!["prune"]?.GetValue<bool>() == true, $"{Name(k)}: spec.prune must be true"));
    }

    [Fact]
    public void Flux_installs_the_repositorys_kustomize_package_before_the_models()
    {
        var objects = FluxObjects();
        var operatorKustomization = objects.Single(o => Kind(o) == "Kustomization" && Name(o) == "aiguard-operator");
        var path = operatorKustomization["spec"]!["path"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, path, "kustomization.yaml")), $"{path} is not a kustomize package in this repository");
        var source = objects.Single(o => Kind(o) == "GitRepository" && Name(o) == operatorKustomization["spec"]!["sourceRef"]!["name"]!.GetValue<string>());
        Assert.Equal("https://github.com/aiguard/aiguard-operator", source["spec"]!["url"]!.GetValue<string>());

        var models = objects.Single(o => Kind(o) == "Kustomization" && Name(o) == "ml-prod-models");
        Assert.Equal("aiguard-operator", Assert.Single(models["spec"]!["dependsOn"]!.AsArray())!["name"]!.GetValue<string>());
    }

    /// <summary>Every document of config/samples/flux/*.yaml as JSON.</summary>
    internal static List<JsonNode> FluxObjects() =>
        Directory.GetFiles(FluxSamples, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => YamlDocumentReader.Read(File.ReadAllText(file)))
            .Where(document => document.Root is not null)
            .Select(document => JsonProjection.Convert(document.Root!).Json!)
            .ToList();

    private static string Kind(JsonNode o) => o["kind"]!.GetValue<string>();

    private static string Name(JsonNode o) => o["metadata"]!["name"]!.GetValue<string>();
}
