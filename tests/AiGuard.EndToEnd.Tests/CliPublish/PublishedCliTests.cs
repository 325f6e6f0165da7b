using System.Text.Json;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests.CliPublish;

/// <summary>
/// The composite ReadyToRun publish (scripts/publish-cli.sh) is the same program as the build every other test runs:
/// byte-identical reports and errors, the same exit codes and the same runtime settings. Ahead-of-time compilation
/// must only change how fast it starts.
/// </summary>
public sealed class PublishedCliTests(PublishedCli cli) : IClassFixture<PublishedCli>
{
    private const string Now = "2026-12-01T00:00:00Z";

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("junit")]
    [InlineData("markdown")]
    public async Task Audits_the_samples_exactly_like_the_build(string format)
    {
        string[] audit = ["audit", RepositoryRoot.Combine("config", "samples"), "--now", Now, "--format", format];

        var published = await cli.RunAsync(audit);
        var built = await PublishedCli.RunBuiltAsync(audit);

        Assert.Equal(1, built.ExitCode); // chat-playground is deliberately non-compliant
        Assert.Equal(built.ExitCode, published.ExitCode);
        Assert.Equal(built.StdOut, published.StdOut);
        Assert.Equal(built.StdErr, published.StdErr);
    }

    [Fact]
    public async Task Refuses_invalid_input_exactly_like_the_build()
    {
        // Schema, CEL and semantic errors at once: the code paths that reflection and ahead-of-time compilation could
        // change (the CRD schemas are built from the API types by reflection; the CEL rules run in the Cel package).
        var sample = await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "samples", "modeldeployment-noncompliant.yaml"));
        var invalid = sample
            .Replace("  riskLevel: limited", "  riskLevel: unacceptable", StringComparison.Ordinal)
            .Replace("              cidr: 0.0.0.0/0\n", "              cidr: 0.0.0.0/0\n            podSelector: {}\n", StringComparison.Ordinal)
            .Replace("    port: 8000\n", "    port: 0\n", StringComparison.Ordinal);
        Assert.NotEqual(sample, invalid);
        var file = Path.Combine(Directory.CreateTempSubdirectory("aiguard-cli-publish-input-").FullName, "invalid.yaml");
        await File.WriteAllTextAsync(file, invalid);
        try
        {
            var published = await cli.RunAsync("audit", file);
            var built = await PublishedCli.RunBuiltAsync("audit", file);

            Assert.Equal(2, built.ExitCode);
            Assert.Contains("a peer is either an ipBlock or namespaceSelector/podSelector", built.StdErr, StringComparison.Ordinal);
            Assert.Equal(built.ExitCode, published.ExitCode);
            Assert.Equal(built.StdOut, published.StdOut);
            Assert.Equal(built.StdErr, published.StdErr);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Is_one_composite_ready_to_run_image_with_the_builds_runtime_settings()
    {
        Assert.True(File.Exists(Path.Combine(cli.Directory, "aiguard.r2r.dll")), "no composite image aiguard.r2r.dll in the publish");
        Assert.Equal(
            RuntimeSettings(Path.Combine(AppContext.BaseDirectory, "aiguard.runtimeconfig.json")),
            RuntimeSettings(Path.Combine(cli.Directory, "aiguard.runtimeconfig.json")));
    }

    [Fact]
    public async Task Reports_the_same_version_and_api()
    {
        var published = await cli.RunAsync("version");
        var built = await PublishedCli.RunBuiltAsync("version");

        Assert.Equal(0, published.ExitCode);
        Assert.Equal(WithoutCommit(built.StdOut), WithoutCommit(published.StdOut));
    }

    // The commit differs on a developer machine that committed between building the tests and this publish.
    private static string WithoutCommit(string version) =>
        System.Text.RegularExpressions.Regex.Replace(version, "commit [0-9a-f]+", "commit");

    // Tiering, PGO, globalization: the settings the measurements and the behaviour rely on (the host keys differ:
    // a self-contained publish names includedFrameworks instead of frameworks).
    private static Dictionary<string, string> RuntimeSettings(string runtimeconfig)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(runtimeconfig));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
