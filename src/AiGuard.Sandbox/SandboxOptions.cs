namespace AiGuard.Sandbox;

/// <summary>Options of a <see cref="SandboxServer"/>. The defaults suit tests: a random port, quiet, no simulation.</summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1. 0 (default) picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>TCP port of the HTTPS listener on 127.0.0.1 (the one kubeconfigs use). 0 (default) picks a free port.</summary>
    public int SecurePort { get; init; }

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

    /// <summary>
    /// Optional static users: a file in kube-apiserver's <c>--token-auth-file</c> CSV format
    /// (<c>token,user,uid,"group1,group2"</c>). A malformed file fails <see cref="SandboxServer.StartAsync"/> with a
    /// <see cref="FormatException"/> naming file:line. Null (default): only the admin and ServiceAccount tokens.
    /// </summary>
    public string? TokenFile { get; init; }

    /// <summary>The sandbox's clock (timestamps, token expiry). Tests pass a fake one to expire tokens without waiting.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Optional sink for one line per request (method, path, status, milliseconds). Null (default): silent.</summary>
    public Action<string>? RequestLog { get; init; }
}
