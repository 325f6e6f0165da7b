namespace AiGuard.Cli.Demo;

/// <summary>DemoOptions configure one <c>aiguard demo</c> run.</summary>
public sealed record DemoOptions
{
    /// <summary>After converging, keep the API server and operator running for kubectl until Ctrl-C (<c>--keep-running</c>).</summary>
    public bool KeepRunning { get; init; }

    /// <summary>Where <c>--keep-running</c> writes the kubeconfig (<c>--kubeconfig</c>). Default: kubeconfig in the run's work directory.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Live-updating table (true) or one plain line per change (false, for redirected output and tests).</summary>
    public bool Interactive { get; init; }

    /// <summary>How long the samples may take to reach their expected phases before the demo fails. Default 25 s.</summary>
    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Directory for the operator's log file (and the kubeconfig when none is given). Default: a new aiguard-demo-XXXX directory under the temp directory per run.</summary>
    public string? WorkDirectory { get; init; }
}
