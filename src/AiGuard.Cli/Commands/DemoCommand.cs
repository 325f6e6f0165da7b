using System.CommandLine;
using System.Runtime.InteropServices;
using AiGuard.Cli.Demo;
using Spectre.Console;

namespace AiGuard.Cli.Commands;

/// <summary>
/// DemoCommand runs <c>aiguard demo</c>: an in-memory cluster plus the operator in one process, the samples
/// applied and converged, and the compliance table printed. Exit code 0 means every sample reached its expected phase.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var keepRunning = new Option<bool>("--keep-running")
        {
            Description = "After converging, keep the API server and operator running and print kubectl commands to try; Ctrl-C stops.",
        };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Where --keep-running writes the kubeconfig for kubectl. Default: kubeconfig in this run's own aiguard-demo-XXXX directory under the temp directory (printed).",
        };
        var command = new Command("demo", "Run the operator against an in-memory cluster with the sample ModelDeployments.")
        {
            keepRunning, kubeconfig,
        };

        // Synchronous on purpose: System.CommandLine ends asynchronous actions two seconds after Ctrl-C, while the
        // demo stops its operator and API server itself.
        command.SetAction(parse =>
        {
            var interactive = !Console.IsOutputRedirected && parse.InvocationConfiguration.Output == Console.Out;
            var console = interactive ? AnsiConsole.Console : PlainConsole(parse.InvocationConfiguration.Output);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            try
            {
                var options = new DemoOptions
                {
                    KeepRunning = parse.GetValue(keepRunning),
                    KubeconfigPath = parse.GetValue(kubeconfig),
                    Interactive = interactive,
                };
                return new DemoRunner(options, console).RunAsync(stop.Token).GetAwaiter().GetResult().ExitCode;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                parse.InvocationConfiguration.Error.WriteLine("aiguard demo: interrupted");
                return 130;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or k8s.Autorest.HttpOperationException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"aiguard demo: {e.Message}");
                return 1;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>A console without colours or cursor control, for redirected output and tests.</summary>
    public static IAnsiConsole PlainConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        // Redirected output has no terminal width; 140 columns keeps the table's findings on one line each.
        console.Profile.Width = 140;
        return console;
    }
}
