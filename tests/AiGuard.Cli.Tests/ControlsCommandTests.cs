using System.CommandLine;
using AiGuard.Cli.Catalog;
using AiGuard.Cli.Commands;
using AiGuard.Engine.Controls;
using AiGuard.Testing;

namespace AiGuard.Cli.Tests;

public sealed class ControlsCommandTests
{
    [Fact]
    public void Lists_every_control_of_the_catalog()
    {
        var (exitCode, output) = Run("controls");

        Assert.Equal(0, exitCode);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(ControlCatalog.All.Select(c => c.Id), lines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public void Docs_controls_md_holds_the_generated_catalog()
    {
        var doc = File.ReadAllText(RepositoryRoot.Combine("docs", "controls.md")).ReplaceLineEndings("\n");
        var begin = doc.IndexOf(ControlCatalogMarkdown.BeginMarker, StringComparison.Ordinal);
        var end = doc.IndexOf(ControlCatalogMarkdown.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/controls.md lacks the generated-section markers");

        var embedded = doc[(begin + ControlCatalogMarkdown.BeginMarker.Length + 1)..end];

        Assert.True(embedded == ControlCatalogMarkdown.Render(),
            "docs/controls.md is out of date with the control catalog: replace its generated section with the output of " +
            "`dotnet run --project src/AiGuard.Cli -- controls --format markdown`");
    }

    [Fact]
    public void Markdown_has_one_row_per_control()
    {
        var (exitCode, output) = Run("controls", "--format", "markdown");

        Assert.Equal(0, exitCode);
        Assert.Equal(ControlCatalog.All.Count + 2, output.TrimEnd('\n').Split('\n').Length);
        Assert.All(ControlCatalog.All, c => Assert.Contains($"| {c.Id} |", output, StringComparison.Ordinal));
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { ControlsCommand.Create() };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        return (exitCode, output.ToString());
    }
}
