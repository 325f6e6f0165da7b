using System.Diagnostics.Metrics;
using AiGuard.Operator.Hosting;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>Which .NET meters the process-wide registry publishes.</summary>
public sealed class RuntimeMetersTests
{
    [Fact]
    public void The_http_client_meter_is_not_published_since_rest_client_metrics_count_the_same_requests()
    {
        using var http = new Meter(RuntimeMeters.HttpClientMeter);

        Assert.False(RuntimeMeters.Publishes(http.CreateHistogram<double>("http.client.request.duration")));
        Assert.False(RuntimeMeters.Publishes(http.CreateUpDownCounter<long>("http.client.active_requests")));
    }

    [Theory]
    [InlineData("System.Runtime")]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel")]
    [InlineData("System.Net.NameResolution")]
    [InlineData("System.Net.Http.Extra")]
    public void Every_other_meter_is_published(string meter)
    {
        using var other = new Meter(meter);

        Assert.True(RuntimeMeters.Publishes(other.CreateCounter<long>("requests")));
    }
}
