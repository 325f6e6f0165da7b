namespace AiGuard.Sandbox.Faults;

/// <summary>
/// A fault to inject into matching requests. Empty filters match everything. A rule fails a request with
/// <see cref="StatusCode"/> (0 = do not fail, only delay), after waiting <see cref="Latency"/>.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Assigned by <see cref="FaultInjector.Add"/>; used to remove the rule.</summary>
    public string Id { get; init; } = "";

    /// <summary>Request verb as in metrics: get, list, watch, create, update, patch, apply, delete, deletecollection.</summary>
    public string? Verb { get; init; }

    /// <summary>Resource plural ("configmaps") or with a subresource ("deployments/status").</summary>
    public string? Resource { get; init; }

    public string? Namespace { get; init; }

    /// <summary>Chance (0..1) that a matching request is affected. Default: always.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>Affect at most this many requests, then the rule removes itself. Null: unlimited.</summary>
    public int? Count { get; init; }

    /// <summary>HTTP status of the failure (e.g. 500, 503, 429). 0: no failure (latency only).</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>Sent as the Retry-After header (seconds) and in the Status details.</summary>
    public int? RetryAfterSeconds { get; init; }

    public TimeSpan Latency { get; init; }

    public string? Message { get; init; }
}
