using System.CommandLine;
using AiGuard.Cli.Commands;

namespace AiGuard.Cli.Tests;

public sealed class SandboxCommandTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "aiguard-sandbox-cmd-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_unwritable_kubeconfig_path_is_an_error_naming_the_option_not_a_crash()
    {
        // A file where a directory is expected: the kubeconfig cannot be written below it.
        Directory.CreateDirectory(_temp);
        var blocker = Path.Combine(_temp, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var kubeconfig = Path.Combine(blocker, "config");

        var (exitCode, output, error) = await RunAsync("sandbox", "--kubeconfig", kubeconfig);

        Assert.Equal(1, exitCode);
        Assert.Contains("error: --kubeconfig: cannot write", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Contains("listening on http://127.0.0.1:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_kube_version_that_is_not_a_version()
    {
        var (exitCode, _, error) = await RunAsync("sandbox", "--kube-version", "latest");

        Assert.Equal(2, exitCode);
        Assert.Contains("--kube-version", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_token_file_is_an_error_naming_file_and_line_without_echoing_it()
    {
        Directory.CreateDirectory(_temp);
        var tokens = Path.Combine(_temp, "tokens.csv");
        await File.WriteAllTextAsync(tokens, "ok-token,alice,uid-1\nleaked-secret-token\n");

        var (exitCode, output, error) = await RunAsync("sandbox", "--token-file", tokens);

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: --token-file: token file {tokens}:2:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked-secret-token", output + error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { SandboxCommand.Create() };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
