namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// A quantity such as <c>1e999999999</c> made KubernetesClient compute ten to that power; one such line in a pull
/// request could hang the CI gate. The audit refuses it as the API server does, naming file, line and field.
/// </summary>
public sealed class AuditHugeQuantityTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("\"1e999999999\"")]
    [InlineData("1e999999999")]
    public async Task A_huge_quantity_is_an_input_error_naming_file_line_and_field(string cpu)
    {
        var path = Path.Combine(_dir.Root, "greedy.yaml");
        File.WriteAllText(path, Manifests.Compliant("greedy", extraSpec: $"    resources:\n      limits:\n        cpu: {cpu}"));

        // The deadline only bounds a hang.
        var outcome = await Task.Run(() => AuditCli.Run(path, "--format", "json")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("greedy.yaml:", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.serving.resources.limits[cpu]", outcome.Stderr, StringComparison.Ordinal);
    }
}
