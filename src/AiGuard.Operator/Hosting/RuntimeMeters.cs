using System.Diagnostics.Metrics;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// RuntimeMeters chooses which of the runtime's .NET meters prometheus-net's process-wide registry publishes. The
/// <c>System.Net.Http</c> meter is left out: it records every request the API client sends (a duration histogram,
/// active and queued requests, per server address), which repeats <c>rest_client_requests_total</c> and
/// <c>rest_client_request_duration_seconds</c> (<see cref="RestClientMetrics"/>) under other names and cost about 1 %
/// of the operator's CPU in a cold start. Every other meter (runtime, Kestrel, DNS) is published as before.
/// </summary>
public static class RuntimeMeters
{
    /// <summary>The meter whose instruments are not published.</summary>
    public const string HttpClientMeter = "System.Net.Http";

    /// <summary>
    /// Applies <see cref="Publishes"/> to the meter adapter of <see cref="Metrics.DefaultRegistry"/>. prometheus-net starts
    /// that adapter on the registry's first collection, so this must run before the first <c>/metrics</c> scrape.
    /// </summary>
    public static void Configure() => Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = Publishes);

    /// <summary>True for an instrument the registry publishes: every one except the HTTP client's.</summary>
    public static bool Publishes(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return !string.Equals(instrument.Meter.Name, HttpClientMeter, StringComparison.Ordinal);
    }
}
