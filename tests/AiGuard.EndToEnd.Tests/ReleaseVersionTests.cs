using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiGuard.Cli;
using AiGuard.Cli.Commands;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Testing;
using YamlDotNet.RepresentationModel;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// One version everywhere: Directory.Build.props' Version is what <c>aiguard version</c> prints, SARIF's driver
/// reports, the chart's version and appVersion say, the kustomize image tag pins, and the image build tags and labels.
/// </summary>
public sealed partial class ReleaseVersionTests
{
    private static readonly string Version = ReleaseVersion.FromBuildProps();

    [Fact]
    public void The_release_version_is_a_plain_semantic_version()
    {
        Assert.Matches(SemanticVersion(), Version);
        Assert.Equal(Version, ProductVersion.Semantic);
    }

    [Fact]
    public void Aiguard_version_prints_the_release_version_first()
    {
        var output = new StringWriter();
        var exit = new RootCommand { VersionCommand.Create() }.Parse(["version"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.StartsWith($"aiguard {Version} (", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("API aiguard.io/v1alpha1", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_driver_reports_the_release_version()
    {
        var output = new StringWriter();
        new RootCommand { AuditCommand.Create(new StringReader("")) }
            .Parse(["audit", RepositoryRoot.Combine("config", "samples"), "--format", "sarif"])
            .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });

        var driver = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal(Version, driver.GetProperty("version").GetString());
        Assert.Equal(Version, driver.GetProperty("semanticVersion").GetString());
    }

    [Fact]
    public void Chart_version_and_app_version_are_the_release_version()
    {
        var chart = Yaml(RepositoryRoot.Combine("charts", "aiguard-operator", "Chart.yaml"));

        Assert.Equal(Version, Scalar(chart, "version"));
        Assert.Equal(Version, Scalar(chart, "appVersion"));
    }

    [Fact]
    public void Kustomize_pins_the_operator_image_to_the_release_version()
    {
        var kustomization = Yaml(RepositoryRoot.Combine("config", "default", "kustomization.yaml"));
        var image = ((YamlSequenceNode)kustomization["images"]).Cast<YamlMappingNode>()
            .Single(i => Scalar(i, "name") == "ghcr.io/aiguard/aiguard-operator");

        Assert.Equal(Version, Scalar(image, "newTag"));
    }

    [Fact]
    public void Flux_sample_installs_the_release_tag()
    {
        var source = GitOpsSampleTests.FluxObjects()
            .Single(o => o["kind"]!.GetValue<string>() == "GitRepository" && o["metadata"]!["name"]!.GetValue<string>() == "aiguard-operator");

        Assert.Equal($"v{Version}", source["spec"]!["ref"]!["tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task Image_build_tags_and_labels_the_release_version()
    {
        var containerfile = File.ReadAllText(RepositoryRoot.Combine("Containerfile"));
        Assert.Contains($"ARG VERSION={Version}\n", containerfile, StringComparison.Ordinal);

        var script = await RunBuildScriptAsync("--print-version");
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.Equal(Version, script.StdOut.Trim());
    }

    [Fact]
    public async Task Image_build_script_rejects_an_unknown_argument_without_building()
    {
        var script = await RunBuildScriptAsync("--tag-everything-latest");

        Assert.Equal(2, script.ExitCode);
        Assert.Contains("unknown argument '--tag-everything-latest'", script.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("publishing", script.StdOut, StringComparison.Ordinal);
    }

    private static Task<ClientRun> RunBuildScriptAsync(params string[] arguments) =>
        KubeClientTools.RunAsync("bash", [RepositoryRoot.Combine("scripts", "build-image.sh"), .. arguments], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();
}
