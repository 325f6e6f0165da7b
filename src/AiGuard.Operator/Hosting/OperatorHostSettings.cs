using k8s;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorHostSettings are the programmatic inputs of an <see cref="OperatorHost"/> beyond the user-facing
/// <see cref="OperatorOptions"/>: what the CLI leaves at their defaults and the demo and tests set.
/// </summary>
public sealed record OperatorHostSettings
{
    /// <summary>The user-facing options (flags and AIGUARD_ environment).</summary>
    public OperatorOptions Options { get; init; } = new();

    /// <summary>A ready client configuration (the demo's sandbox). Default null: resolved from <see cref="OperatorOptions.Kubeconfig"/> or in-cluster.</summary>
    public KubernetesClientConfiguration? ClientConfiguration { get; init; }

    /// <summary>Builds the controller core. Default null: the reconciler's ModelDeployment controller.</summary>
    public Func<OperatorCoreContext, IOperatorCore>? CoreFactory { get; init; }

    /// <summary>The metrics registry served on /metrics. Default null: prometheus-net's process-wide registry (with process metrics).</summary>
    public CollectorRegistry? Registry { get; init; }

    /// <summary>The Serilog logger to write to. Default null: a console logger in <see cref="OperatorOptions.LogFormat"/>.</summary>
    public Serilog.ILogger? Logger { get; init; }

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Stop on SIGTERM and Ctrl-C (default true). The demo and tests run several hosts in one process and stop them themselves.</summary>
    public bool HandleSignals { get; init; } = true;
}
