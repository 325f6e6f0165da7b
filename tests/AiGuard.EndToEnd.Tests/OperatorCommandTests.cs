using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using AiGuard.Cli.Commands;
using AiGuard.Sandbox;

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

    [Fact]
    public async Task A_busy_port_is_one_line_naming_the_port_and_the_option_not_a_stack_trace()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("aiguard-operator-port-");
        try
        {
            var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));
            using var busy = new TcpListener(IPAddress.Loopback, 0);
            busy.Start();
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;

            var (exit, error) = Run("--kubeconfig", kubeconfig, "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--health-port", "0", "--log-format", "console");

            Assert.Equal(1, exit);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"port {port}", line, StringComparison.Ordinal);
            Assert.Contains("--metrics-port", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
