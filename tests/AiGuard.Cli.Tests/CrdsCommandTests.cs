using System.CommandLine;
using AiGuard.Api.Crds;
using AiGuard.Cli.Commands;

namespace AiGuard.Cli.Tests;

public sealed class CrdsCommandTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "aiguard-crds-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Prints_the_three_crds_as_one_multi_document_yaml_stream()
    {
        var (exitCode, output, error) = Run("crds");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Equal(CrdYaml.Serialize(CrdGenerator.GenerateAll()), output);
        var kinds = new YamlDotNet.RepresentationModel.YamlStream();
        kinds.Load(new StringReader(output));
        Assert.Equal(3, kinds.Documents.Count);
    }

    [Fact]
    public void Writes_one_file_per_crd_named_like_config_crd_bases()
    {
        var (exitCode, output, _) = Run("crds", "--output-dir", _temp);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["aiguard.io_guardexceptions.yaml", "aiguard.io_guardpolicies.yaml", "aiguard.io_modeldeployments.yaml"],
            Directory.GetFiles(_temp).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var path = Path.Combine(_temp, CrdYaml.FileName(crd));
            Assert.Equal(CrdYaml.Serialize(crd), File.ReadAllText(path));
            Assert.Contains($"wrote {path}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reports_an_output_dir_it_cannot_create_without_a_stack_trace()
    {
        Directory.CreateDirectory(_temp);
        var blocker = Path.Combine(_temp, "a-file");
        File.WriteAllText(blocker, "not a directory");

        var (exitCode, output, error) = Run("crds", "--output-dir", blocker);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith($"aiguard crds: cannot write to --output-dir {blocker}:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { CrdsCommand.Create() };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
