using System.CommandLine;
using AiGuard.Cli.Commands;

namespace AiGuard.EndToEnd.Tests;

public sealed class OperatorCommandTests
{
    private static (int ExitCode, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var root = new RootCommand { OperatorCommand.Create() };
        var exit = root.Parse(["operator", .. args]).Invoke(new InvocationConfiguration { Error = error, Output = new StringWriter() });
        return (exit, error.ToString());
    }

    [Fact]
    public void Bad_flags_exit_2_with_every_problem_named()
    {
        var (exit, error) = Run("--workers", "0", "--namespace", "Bad_NS", "--kubeconfig", "/nonexistent");

        Assert.Equal(2, exit);
        Assert.Contains("--workers (AIGUARD_WORKERS) must be between 1 and 64, got 0", error, StringComparison.Ordinal);
        Assert.Contains("'Bad_NS' is not a valid namespace name", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_kubeconfig_exits_2_naming_the_file()
    {
        var (exit, error) = Run("--kubeconfig", "/nonexistent/kubeconfig");

        Assert.Equal(2, exit);
        Assert.Contains("kubeconfig /nonexistent/kubeconfig does not exist", error, StringComparison.Ordinal);
    }
}
