using System.Collections.Concurrent;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// BenchRequestCounter counts the API requests the benchmark itself sends (its creates, patches, deletes, LISTs and
/// WATCHes), so the operator's share of the sandbox's apiserver_request_total is the total minus these.
/// Every client the suite builds sends through it.
/// </summary>
internal sealed class BenchRequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, long> counts;

    public BenchRequestCounter(ConcurrentDictionary<string, long> counts, HttpMessageHandler? inner = null)
    {
        this.counts = counts;
        if (inner is not null)
        {
            InnerHandler = inner; // KubernetesClient sets its own inner handler when none is given
        }
    }

    /// <summary>The sandbox's verb for a request the bench sent: create, update, patch, delete, watch or read (get/list).</summary>
    public static string Verb(HttpRequestMessage request)
    {
        var query = request.RequestUri?.Query ?? "";
        return request.Method.Method switch
        {
            "GET" when query.Contains("watch=1", StringComparison.Ordinal) || query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => "read",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            var other => other.ToLowerInvariant(),
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/apis/", StringComparison.Ordinal))
        {
            counts.AddOrUpdate(Verb(request), 1, (_, n) => n + 1);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
