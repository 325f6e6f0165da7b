using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorListeners are the two Kestrel listeners of one operator process, recorded when Kestrel is configured so the
/// port filter and <see cref="OperatorHost.HealthAddress"/> can read the ports actually bound (port 0 picks one late).
/// </summary>
internal sealed class OperatorListeners
{
    /// <summary>The listener of <c>/healthz</c> and <c>/readyz</c>; null until Kestrel is configured (at start).</summary>
    public ListenOptions? Health { get; set; }

    /// <summary>The listener of <c>/metrics</c> and <c>/v1/cert.pem</c>; null until Kestrel is configured (at start).</summary>
    public ListenOptions? Metrics { get; set; }

    /// <summary>The port <paramref name="listener"/> is bound to, or -1 (matching no connection) before it is.</summary>
    public static int BoundPort(ListenOptions? listener) => listener?.IPEndPoint?.Port ?? -1;
}
