namespace AiGuard.Sandbox;

/// <summary>Options of a <see cref="SandboxServer"/>. The defaults suit tests: a random port, quiet, no simulation.</summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1. 0 (default) picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The minor version /version reports ("32" -> v1.32.0). The kubectl dispatcher picks its kubectl by it.</summary>
    public string KubeMinorVersion { get; init; } = "32";

    /// <summary>When true, Deployments become Available (status replicas, conditions) <see cref="WorkloadReadyDelay"/> after each change.</summary>
    public bool SimulateWorkloads { get; init; }

    /// <summary>How long simulated Deployments take to become Available. Default 200 ms.</summary>
    public TimeSpan WorkloadReadyDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Watch events retained per resource type; watches and continue tokens older than that get 410 Expired. Default 10,000.</summary>
    public int HistorySize { get; init; } = 10_000;

    /// <summary>How often watches that allow bookmarks get a BOOKMARK event. Default 5 s (real servers: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Optional sink for one line per request (method, path, status, milliseconds). Null (default): silent.</summary>
    public Action<string>? RequestLog { get; init; }
}
