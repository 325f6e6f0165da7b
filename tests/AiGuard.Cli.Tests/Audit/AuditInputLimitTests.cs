using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>Oversized, endless, explosive or absurdly deep inputs fail cleanly with exit 2 and a message naming the file and the cap.</summary>
public sealed class AuditInputLimitTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertInputError(CliOutcome outcome, string expected)
    {
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal("", outcome.Stdout);
        Assert.Contains(expected, outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A sparse file of <paramref name="length"/> bytes: costs no disk, and reading it would cost memory.</summary>
    private string Sparse(string name, long length)
    {
        var path = Path.Combine(_dir.Root, name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(length);
        return path;
    }

    [Fact]
    public void File_over_the_per_file_cap_is_refused_naming_file_and_cap()
    {
        var path = Sparse("huge.yaml", InputLimits.PerFileBytes + 1);

        AssertInputError(AuditCli.Run(path), $"{path.Replace('\\', '/')}: larger than the 16 MiB limit per input file");
    }

    [Fact]
    public void File_at_the_per_file_cap_is_read()
    {
        var path = _dir.Write("big.yaml", Manifests.OpenIngress() + "\n# " + new string('x', (int)InputLimits.PerFileBytes - Manifests.OpenIngress().Length - 4) + "\n");
        Assert.Equal(InputLimits.PerFileBytes, new FileInfo(path).Length);

        Assert.Equal(1, AuditCli.Run(path).ExitCode);
    }

    [Fact]
    public void Inputs_over_the_total_cap_are_refused_at_the_file_that_passes_it()
    {
        var directory = Path.Combine(_dir.Root, "many");
        Directory.CreateDirectory(directory);
        var model = _dir.Write("many/a.yaml", Manifests.Compliant());
        for (var i = 1; i <= 4; i++)
        {
            Sparse($"many/b{i}.yaml", InputLimits.PerFileBytes - 1);
        }

        var outcome = AuditCli.Run(directory);

        AssertInputError(outcome, $"{directory.Replace('\\', '/')}/b4.yaml: the inputs exceed the 64 MiB limit in total at this file");
        Assert.True(new FileInfo(model).Length > 4);
    }

    [Fact]
    public void Policy_paths_count_toward_the_total_cap()
    {
        var model = _dir.Write("model.yaml", Manifests.Compliant());
        var policies = Enumerable.Range(1, 4).Select(i => Sparse($"p{i}.yaml", InputLimits.PerFileBytes)).ToList();

        var outcome = AuditCli.Run([model, .. policies.SelectMany(p => new[] { "--policy", p })]);

        AssertInputError(outcome, "p4.yaml: the inputs exceed the 64 MiB limit in total");
    }

    [Fact]
    public void Standard_input_over_the_cap_is_refused()
    {
        var outcome = AuditCli.Pipe(new string(' ', (int)InputLimits.PerFileBytes + 1), "-");

        AssertInputError(outcome, "<stdin>: larger than the 16 MiB limit per input file");
    }

    [Fact]
    public void Endless_device_is_refused_without_reading_it_all()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /dev/zero is the endless file at hand; the other tests cover the caps everywhere.
        }

        AssertInputError(AuditCli.Run("/dev/zero"), "/dev/zero: larger than the 16 MiB limit per input file");
    }

    [Fact]
    public void Deep_flow_nesting_is_refused_cleanly()
    {
        var yaml = "a: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

        AssertInputError(AuditCli.Pipe(yaml, "-"), "<stdin>:1:");
        AssertInputError(AuditCli.Pipe(yaml, "-"), "nesting deeper than 128 levels");
    }

    [Fact]
    public void Deep_block_nesting_is_refused_cleanly()
    {
        var yaml = string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "a:\n"));

        AssertInputError(AuditCli.Pipe(yaml, "-"), "nesting deeper than 128 levels");
    }

    [Fact]
    public void Billion_laughs_in_a_secret_is_refused_without_expanding()
    {
        var yaml = "apiVersion: v1\nkind: Secret\nmetadata: {name: lol}\nstringData:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (var i = 0; i < 9; i++)
        {
            var previous = (char)('a' + i);
            yaml += $"  {(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(", ", Enumerable.Repeat("*" + previous, 10))}]\n";
        }

        AssertInputError(AuditCli.Pipe(yaml, "-"), "document expands to more than 200000 values");
    }
}
