using System.Net;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Runtime;
using Prometheus;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class RestClientMetricsTests
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    [Fact]
    public async Task Counts_each_request_by_code_method_and_host_without_the_path()
    {
        using var http = Client(new Answer(HttpStatusCode.Conflict));

        using var _ = await http.PatchAsync(new Uri("https://api.example:6443/apis/aiguard.io/v1alpha1/namespaces/ml-prod/modeldeployments/scorer?fieldManager=x"), null);
        using var __ = await http.PatchAsync(new Uri("https://api.example:6443/api/v1/namespaces/other/services/svc"), null);

        Assert.Equal(2, await MetricText.ValueAsync(_registry, "rest_client_requests_total{code=\"409\",method=\"PATCH\",host=\"api.example:6443\"}"));
        Assert.Equal(2, await MetricText.ValueAsync(_registry, "rest_client_request_duration_seconds_count{verb=\"PATCH\",host=\"api.example:6443\"}"));
        var text = await ExportAsync();
        Assert.DoesNotContain("scorer", text, StringComparison.Ordinal); // no object names: the series stay few whatever users create
        Assert.DoesNotContain("ml-prod", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_response_counts_as_error_and_still_fails()
    {
        using var http = Client(new Answer(null));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("https://unreachable:6443/api/v1/namespaces")));

        Assert.Equal(1, await MetricText.ValueAsync(_registry, "rest_client_requests_total{code=\"<error>\",method=\"GET\",host=\"unreachable:6443\"}"));
    }

    private HttpClient Client(HttpMessageHandler server)
    {
        var handler = new RestClientMetrics(_registry).CreateHandler();
        handler.InnerHandler = server;
        return new HttpClient(handler);
    }

    private async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A stand-in API server: answers every request with <paramref name="code"/>, or fails to connect when null.</summary>
    private sealed class Answer(HttpStatusCode? code) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            code is { } status
                ? Task.FromResult(new HttpResponseMessage(status))
                : Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"));
    }
}
