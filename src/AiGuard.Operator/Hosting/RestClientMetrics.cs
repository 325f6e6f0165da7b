using System.Diagnostics;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// RestClientMetrics counts every HTTP request the operator's Kubernetes client sends, under client-go's names so
/// API-client dashboards work: <c>rest_client_requests_total{code,method,host}</c> (code <c>&lt;error&gt;</c> when no
/// response came back) and <c>rest_client_request_duration_seconds{verb,host}</c> (time to the response headers, so a
/// watch counts its setup, not its stream). It sits in the client's handler chain (<see cref="CreateHandler"/>), so
/// typed calls, the caches' list and watch requests, the Lease and events are all counted.
/// </summary>
public sealed class RestClientMetrics
{
    /// <summary>The code label of a request that got no response (connection refused, timeout, cancelled), as client-go writes it.</summary>
    public const string NoResponseCode = "<error>";

    // client-go's request latency buckets (k8s.io/component-base restclient metrics).
    private static readonly double[] DurationBuckets = [0.005, 0.025, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0];

    private readonly Counter _requests;
    private readonly Histogram _duration;

    /// <summary>Creates the series in <paramref name="registry"/>.</summary>
    public RestClientMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            "rest_client_requests_total", "Number of HTTP requests, partitioned by status code, method, and host.",
            new CounterConfiguration { LabelNames = ["code", "method", "host"] });
        _duration = factory.CreateHistogram(
            "rest_client_request_duration_seconds", "Request latency in seconds. Broken down by verb, and host.",
            new HistogramConfiguration { LabelNames = ["verb", "host"], Buckets = DurationBuckets });
    }

    /// <summary>A new handler for one client's pipeline (a DelegatingHandler belongs to a single pipeline).</summary>
    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private void Record(HttpRequestMessage request, string code, TimeSpan elapsed)
    {
        var method = request.Method.Method;
        var host = request.RequestUri?.Authority ?? "";
        _requests.WithLabels(code, method, host).Inc();
        _duration.WithLabels(method, host).Observe(elapsed.TotalSeconds);
    }

    private sealed class CountingHandler(RestClientMetrics metrics) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                metrics.Record(request, NoResponseCode, Stopwatch.GetElapsedTime(started));
                throw;
            }

            metrics.Record(request, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            return response;
        }
    }
}
