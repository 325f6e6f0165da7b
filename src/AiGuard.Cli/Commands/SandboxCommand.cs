using System.CommandLine;
using System.Runtime.InteropServices;
using AiGuard.Sandbox;

namespace AiGuard.Cli.Commands;

/// <summary>SandboxCommand runs the in-memory Kubernetes API server until Ctrl-C or SIGTERM.</summary>
public static class SandboxCommand
{
    /// <summary>The <c>aiguard sandbox</c> command.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 0 };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Write a kubeconfig for the sandbox to this path." };
        var kubeVersion = new Option<string>("--kube-version") { Description = "Kubernetes version /version reports, e.g. 1.32 (the kubectl dispatcher picks its kubectl by it).", DefaultValueFactory = _ => "1.32" };
        var simulate = new Option<bool>("--simulate-workloads") { Description = "Make Deployments become Available shortly after they change." };
        var verbose = new Option<bool>("--verbose") { Description = "Print one line per request." };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "Static users in kube-apiserver's --token-auth-file CSV format: token,user,uid,\"group1,group2\" (one per line).",
        };
        var command = new Command("sandbox", "Run an in-memory Kubernetes API server for tests and demos on 127.0.0.1 (HTTP and HTTPS, bearer tokens, RBAC).")
        {
            port, kubeconfig, kubeVersion, simulate, verbose, tokenFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var version = parse.GetValue(kubeVersion) ?? "1.32";
            var minor = version.StartsWith("1.", StringComparison.Ordinal) ? version[2..] : version;
            if (minor.Length == 0 || !minor.All(char.IsAsciiDigit))
            {
                await error.WriteLineAsync($"error: --kube-version: expected a version like 1.32, got \"{version}\"");
                return 2;
            }

            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                await error.WriteLineAsync($"error: --port: expected 0-65535, got {portValue}");
                return 2;
            }

            var options = new SandboxOptions
            {
                Port = portValue,
                KubeMinorVersion = minor,
                SimulateWorkloads = parse.GetValue(simulate),
                RequestLog = parse.GetValue(verbose) ? line => output.WriteLine(line) : null,
                TokenFile = parse.GetValue(tokenFile),
            };

            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(options, cancellationToken);
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"error: --port: cannot listen on 127.0.0.1:{portValue}: {e.Message}");
                return 1;
            }
            catch (FormatException e)
            {
                // The message names file:line and never echoes a token.
                await error.WriteLineAsync($"error: --token-file: {e.Message}");
                return 2;
            }

            await using (server)
            {
                await output.WriteLineAsync($"Sandbox API server (Kubernetes v1.{minor}) listening on {server.BaseAddress.ToString().TrimEnd('/')} and {server.SecureAddress.ToString().TrimEnd('/')} (kubeconfigs use HTTPS: kubectl sends tokens only over TLS)");
                if (parse.GetValue(kubeconfig) is { Length: > 0 } path)
                {
                    string written;
                    try
                    {
                        written = server.WriteKubeconfig(path);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                    {
                        await error.WriteLineAsync($"error: --kubeconfig: cannot write {path}: {e.Message}");
                        return 1;
                    }

                    await output.WriteLineAsync($"Kubeconfig written to {written} (kubectl --kubeconfig {written} get ns)");
                }

                await output.WriteLineAsync("Press Ctrl-C to stop.");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // Both signals are handled here rather than left to System.CommandLine, whose SIGINT handling did not
                // end this wait: Ctrl-C and SIGTERM each print "Stopping sandbox." and exit 0.
                void Stop(PosixSignalContext context)
                {
                    context.Cancel = true;
                    stop.Cancel();
                }

                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("Stopping sandbox.");
                }
            }

            return 0;
        });
        return command;
    }
}
