using AiGuard.Operator.Runtime;
using AiGuard.Operator.Sealing;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorOptions configure one operator process. Every option can be set by a command-line flag
/// (<c>aiguard operator --workers 8</c>) or an environment variable with the <c>AIGUARD_</c> prefix
/// (<c>AIGUARD_WORKERS=8</c>); a flag wins over the environment, the environment over the default.
/// </summary>
public sealed record OperatorOptions
{
    /// <summary>The Lease name when none is configured: what config/ (kustomize) installs grant.</summary>
    public const string DefaultLeaseName = "aiguard-operator";

    /// <summary>
    /// Path of a kubeconfig (<c>--kubeconfig</c>, <c>AIGUARD_KUBECONFIG</c>). Default: none, which means the pod's
    /// service account when running in a cluster, else <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>.
    /// An explicit path always wins over the in-cluster configuration.
    /// </summary>
    public string? Kubeconfig { get; init; }

    /// <summary>
    /// Namespaces to watch (<c>--namespace</c>, repeatable; <c>AIGUARD_NAMESPACES=a,b</c>). Default: empty, which
    /// means every namespace (a cluster-wide watch needs the ClusterRole in config/rbac).
    /// </summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>
    /// Compete for the Lease <see cref="LeaseName"/> and run workers only while holding it (<c>--leader-elect</c>,
    /// <c>AIGUARD_LEADER_ELECT=true</c>). Default false: the process leads alone, which is right for one replica
    /// and wrong for two (both would write).
    /// </summary>
    public bool LeaderElect { get; init; }

    /// <summary>
    /// Name of the coordination.k8s.io/v1 Lease the replicas compete for (<c>AIGUARD_LEASE_NAME</c>). Default
    /// <see cref="DefaultLeaseName"/>. Two operator installs sharing a namespace need different names, or their
    /// replicas would elect one leader between them; the Helm chart derives it from the release.
    /// </summary>
    public string LeaseName { get; init; } = DefaultLeaseName;

    /// <summary>Concurrent reconciles on the leader (<c>--workers</c>, <c>AIGUARD_WORKERS</c>). Default <see cref="DefaultWorkers"/>.</summary>
    public int Workers { get; init; } = DefaultWorkers(Environment.ProcessorCount);

    /// <summary>
    /// Four workers per core the process may use, at least 4 and at most 32. A reconcile mostly waits on the API
    /// server (a new model is four to six writes in a row), so one core keeps several busy; the cap keeps a large node
    /// from opening more concurrent writes than an API server's default max-in-flight share would admit.
    /// </summary>
    /// <param name="cores">The cores the process may use (<see cref="Environment.ProcessorCount"/> honours a container's CPU limit).</param>
    public static int DefaultWorkers(int cores) => Math.Clamp(4 * cores, 4, 32);

    /// <summary>
    /// Namespace of the Lease, the sealing key Secrets and the certificate ConfigMap (<c>--operator-namespace</c>,
    /// <c>AIGUARD_OPERATOR_NAMESPACE</c>). Default: the pod's own namespace in a cluster, else <c>aiguard-system</c>.
    /// </summary>
    public string? OperatorNamespace { get; init; }

    /// <summary>Port of <c>/healthz</c> and <c>/readyz</c> (<c>--health-port</c>, <c>AIGUARD_HEALTH_PORT</c>). Default 8081; 0 picks a free port.</summary>
    public int HealthPort { get; init; } = 8081;

    /// <summary>Port of <c>/metrics</c> and <c>/v1/cert.pem</c> (<c>--metrics-port</c>, <c>AIGUARD_METRICS_PORT</c>). Default 8080; 0 picks a free port.</summary>
    public int MetricsPort { get; init; } = 8080;

    /// <summary>
    /// Address the endpoints listen on (<c>AIGUARD_BIND_ADDRESS</c>). Default: 0.0.0.0 in a cluster (the kubelet
    /// probes the pod IP), 127.0.0.1 elsewhere so a developer's operator is not reachable from the network.
    /// </summary>
    public string? BindAddress { get; init; }

    /// <summary>Log format (<c>--log-format</c>, <c>AIGUARD_LOG_FORMAT</c>). Default <see cref="LogFormat.Auto"/>: JSON in a cluster, console text elsewhere.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Auto;

    /// <summary>How long a standby waits for an unrenewed Lease before taking it over (<c>AIGUARD_LEASE_DURATION</c>). Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader retries a failed renewal before it stops its workers (<c>AIGUARD_RENEW_DEADLINE</c>). Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between Lease attempts (<c>AIGUARD_RETRY_PERIOD</c>). Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long SIGTERM waits for the workers to drain and the Lease to be released (<c>AIGUARD_SHUTDOWN_TIMEOUT</c>).
    /// Default 20 s, below the Deployment's 30 s terminationGracePeriodSeconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often every replica reloads the sealing key Secrets (<c>AIGUARD_KEY_RELOAD_INTERVAL</c>). Default 1 min.</summary>
    public TimeSpan KeyReloadInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the leader scans Deployments, StatefulSets, DaemonSets and Pods for shadow AI
    /// (<c>AIGUARD_INVENTORY_SCAN_INTERVAL</c>). Default 5 min; the first scan runs when leadership starts.
    /// </summary>
    public TimeSpan InventoryScanInterval { get; init; } = Controllers.OperatorCoreOptions.DefaultInventoryScanInterval;

    /// <summary>Identity in the Lease. Default: the pod name (env POD_NAME, else the host name) plus a random suffix.</summary>
    public string? Identity { get; init; }

    /// <summary>The Lease timings as the runtime's <see cref="LeaderElectionOptions"/>.</summary>
    public LeaderElectionOptions LeaderElection => new()
    {
        LeaseDuration = LeaseDuration,
        RenewDeadline = RenewDeadline,
        RetryPeriod = RetryPeriod,
        ReleaseOnCancel = true,
    };

    /// <summary>The problems with these options, each naming the flag and environment variable; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Workers is < 1 or > 64)
        {
            problems.Add($"--workers (AIGUARD_WORKERS) must be between 1 and 64, got {Workers}");
        }

        CheckPort(problems, HealthPort, "--health-port (AIGUARD_HEALTH_PORT)");
        CheckPort(problems, MetricsPort, "--metrics-port (AIGUARD_METRICS_PORT)");
        if (HealthPort == MetricsPort && HealthPort != 0)
        {
            problems.Add($"--health-port and --metrics-port must differ, both are {HealthPort}");
        }

        foreach (var ns in Namespaces)
        {
            if (!KubernetesNames.IsDnsLabel(ns))
            {
                problems.Add($"--namespace (AIGUARD_NAMESPACES) '{ns}' is not a valid namespace name (lowercase letters, digits and '-', at most 63 characters)");
            }
        }

        if (!KubernetesNames.IsDnsSubdomain(LeaseName))
        {
            problems.Add($"AIGUARD_LEASE_NAME '{LeaseName}' is not a valid Lease name (lowercase letters, digits, '-' and '.', at most 253 characters)");
        }

        if (OperatorNamespace is { } own && !KubernetesNames.IsDnsLabel(own))
        {
            problems.Add($"--operator-namespace (AIGUARD_OPERATOR_NAMESPACE) '{own}' is not a valid namespace name");
        }

        if (BindAddress is { } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            problems.Add($"AIGUARD_BIND_ADDRESS '{address}' is not an IP address");
        }

        try
        {
            LeaderElection.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add($"AIGUARD_LEASE_DURATION/AIGUARD_RENEW_DEADLINE/AIGUARD_RETRY_PERIOD: {e.Message}");
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            problems.Add($"AIGUARD_SHUTDOWN_TIMEOUT must be positive, got {ShutdownTimeout}");
        }

        if (KeyReloadInterval <= TimeSpan.Zero)
        {
            problems.Add($"AIGUARD_KEY_RELOAD_INTERVAL must be positive, got {KeyReloadInterval}");
        }

        if (InventoryScanInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"AIGUARD_INVENTORY_SCAN_INTERVAL must be at least 1s, got {InventoryScanInterval}");
        }

        return problems;
    }

    /// <summary>The namespace the Lease and sealing keys live in, after the in-cluster rules of <see cref="Sealing.OperatorNamespace"/>.</summary>
    public string ResolveOperatorNamespace(bool inCluster) => inCluster
        ? Sealing.OperatorNamespace.Resolve(OperatorNamespace)
        : Sealing.OperatorNamespace.ResolveConfigured(OperatorNamespace);

    private static void CheckPort(List<string> problems, int port, string name)
    {
        if (port is < 0 or > 65535)
        {
            problems.Add($"{name} must be between 0 and 65535, got {port}");
        }
    }
}
