using System.CommandLine;
using AiGuard.Operator.Hosting;

namespace AiGuard.Cli.Commands;

/// <summary>
/// OperatorCommand runs the operator (<c>aiguard operator</c>): a controller for ModelDeployments with health,
/// readiness and metrics endpoints, optionally leader-elected. Flags override <c>AIGUARD_*</c> environment
/// variables, which override the defaults documented on <see cref="OperatorOptions"/> and in docs/operations.md.
/// </summary>
public static class OperatorCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Path of a kubeconfig. Default: the pod's service account in a cluster, else $KUBECONFIG or ~/.kube/config.",
        };
        var namespaces = new Option<string[]>("--namespace", "-n")
        {
            Description = "Namespace to watch; repeat or separate with commas. Default: every namespace (AIGUARD_NAMESPACES).",
        };
        var leaderElect = new Option<bool>("--leader-elect")
        {
            Description = "Compete for the Lease aiguard-operator and reconcile only while leading; required with more than one replica (AIGUARD_LEADER_ELECT).",
        };
        var workers = new Option<int?>("--workers") { Description = "Concurrent reconciles on the leader. Default 4 (AIGUARD_WORKERS)." };
        var operatorNamespace = new Option<string?>("--operator-namespace")
        {
            Description = "Namespace of the Lease and the sealing keys. Default: the pod's namespace, else aiguard-system (AIGUARD_OPERATOR_NAMESPACE).",
        };
        var healthPort = new Option<int?>("--health-port") { Description = "Port of /healthz and /readyz. Default 8081 (AIGUARD_HEALTH_PORT)." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Port of /metrics and /v1/cert.pem. Default 8080 (AIGUARD_METRICS_PORT)." };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "json or console. Default: json in a cluster, console elsewhere (AIGUARD_LOG_FORMAT).",
        };
        logFormat.AcceptOnlyFromAmong("json", "console", "auto");

        var command = new Command("operator", "Run the AiGuard operator against a cluster.")
        {
            kubeconfig, namespaces, leaderElect, workers, operatorNamespace, healthPort, metricsPort, logFormat,
        };

        // A synchronous action on purpose: System.CommandLine kills asynchronous actions two seconds after SIGTERM,
        // while the host needs its own shutdown timeout to drain workers and release the Lease.
        command.SetAction(parse =>
        {
            OperatorOptions options;
            try
            {
                options = OperatorEnvironment.FromEnvironment();
                if (parse.GetValue(kubeconfig) is { } path)
                {
                    options = options with { Kubeconfig = path };
                }

                if (parse.GetValue(namespaces) is { Length: > 0 } given)
                {
                    options = options with { Namespaces = OperatorEnvironment.SplitList(string.Join(',', given)) };
                }

                if (parse.GetValue(leaderElect))
                {
                    options = options with { LeaderElect = true };
                }

                options = options with
                {
                    Workers = parse.GetValue(workers) ?? options.Workers,
                    OperatorNamespace = parse.GetValue(operatorNamespace) ?? options.OperatorNamespace,
                    HealthPort = parse.GetValue(healthPort) ?? options.HealthPort,
                    MetricsPort = parse.GetValue(metricsPort) ?? options.MetricsPort,
                    LogFormat = parse.GetValue(logFormat) is { } format ? OperatorEnvironment.ParseLogFormat(format, "--log-format") : options.LogFormat,
                };
            }
            catch (OperatorConfigurationException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"aiguard operator: {e.Message}");
                return 2;
            }

            return Run(options, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static readonly (Func<OperatorOptions, int> Port, string Option)[] Ports =
    [
        (o => o.MetricsPort, "--metrics-port (AIGUARD_METRICS_PORT)"),
        (o => o.HealthPort, "--health-port (AIGUARD_HEALTH_PORT)"),
    ];

    /// <summary>The busy-port line for the first configured port another process holds on <paramref name="address"/>, or null.</summary>
    private static string? FirstBusyPort(OperatorOptions options, System.Net.IPAddress address)
    {
        foreach (var (port, _) in Ports)
        {
            if (port(options) is var value and not 0)
            {
                try
                {
                    var probe = new System.Net.Sockets.TcpListener(address, value);
                    probe.Start();
                    probe.Stop();
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    return BusyPort(options, $"{address}:{value}: {e.Message}");
                }
            }
        }

        return null;
    }

    /// <summary>One line naming the port that could not be bound and the option that changes it.</summary>
    private static string BusyPort(OperatorOptions options, string kestrelMessage)
    {
        foreach (var (portOf, option) in Ports)
        {
            var port = portOf(options);
            if (port != 0 && kestrelMessage.Contains($":{port}", StringComparison.Ordinal))
            {
                return $"cannot listen on port {port}: it is already in use (another operator or demo?); choose a free port with {option}, or 0 for any free port";
            }
        }

        return $"cannot listen: {kestrelMessage} (choose other ports with --health-port and --metrics-port, or 0 for any free port)";
    }

    private static int Run(OperatorOptions options, TextWriter error)
    {
        OperatorHost host;
        try
        {
            host = OperatorHost.Create(new OperatorHostSettings { Options = options, CoreFactory = ModelDeploymentCore.Create });
        }
        catch (OperatorConfigurationException e)
        {
            error.WriteLine($"aiguard operator: {e.Message}");
            return 2;
        }

        try
        {
            // Checked before starting: once the host starts, a failed bind is also logged by the hosting layer with a
            // stack trace. The catch below still covers a port taken between this check and the bind.
            if (FirstBusyPort(options, OperatorEndpoints.BindAddress(options, host.Connection.InCluster)) is { } busy)
            {
                error.WriteLine($"aiguard operator: {busy}");
                return 1;
            }

            host.RunAsync().GetAwaiter().GetResult();
            return 0;
        }
        catch (IOException e)
        {
            // Kestrel reports a taken port as an IOException naming the address ("...127.0.0.1:8080: address already in use").
            error.WriteLine($"aiguard operator: {BusyPort(options, e.Message)}");
            return 1;
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
