using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace AiGuard.Sandbox.Metrics;

/// <summary>
/// Counts API requests like the real server's <c>apiserver_request_total</c>, labelled by verb (get, list,
/// watch, create, update, patch, apply, delete, deletecollection), resource, subresource and HTTP code.
/// Read in-process with <see cref="Count"/> or scrape <c>GET /metrics</c>.
/// </summary>
public sealed class RequestMetrics
{
    private readonly ConcurrentDictionary<RequestKey, long> counts = new();

    /// <summary>
    /// Requests so far with this verb on <paramref name="resource"/> ("configmaps" for the main resource,
    /// "deployments/status" for a subresource), optionally only those answered with <paramref name="code"/>.
    /// </summary>
    public long Count(string verb, string resource, int? code = null)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var plural = slash >= 0 ? resource[..slash] : resource;
        var sub = slash >= 0 ? resource[(slash + 1)..] : "";
        return counts.Where(p => p.Key.Verb == verb && p.Key.Resource == plural && p.Key.Subresource == sub && (code is null || p.Key.Code == code))
            .Sum(p => p.Value);
    }

    /// <summary>A copy of every counter.</summary>
    public IReadOnlyDictionary<RequestKey, long> Snapshot() => new Dictionary<RequestKey, long>(counts);

    public void Reset() => counts.Clear();

    internal void Record(string verb, string resource, string subresource, int code) =>
        counts.AddOrUpdate(new RequestKey(verb, resource, subresource, code), 1, (_, n) => n + 1);

    /// <summary>Prometheus text exposition format.</summary>
    public string ToPrometheusText()
    {
        var text = new StringBuilder();
        text.Append("# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, resource, subresource and HTTP response code.\n");
        text.Append("# TYPE apiserver_request_total counter\n");
        foreach (var (key, value) in counts.OrderBy(p => p.Key.Resource, StringComparer.Ordinal).ThenBy(p => p.Key.Verb, StringComparer.Ordinal).ThenBy(p => p.Key.Code))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"apiserver_request_total{{code=\"{key.Code}\",resource=\"{Escape(key.Resource)}\",subresource=\"{Escape(key.Subresource)}\",verb=\"{key.Verb}\"}} {value}\n");
        }

        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
