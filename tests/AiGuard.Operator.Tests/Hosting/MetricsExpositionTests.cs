using AiGuard.Operator.Hosting;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class MetricsExpositionTests
{
    private const string Text = """
        # HELP workqueue_depth Current depth of workqueue
        # TYPE workqueue_depth gauge
        workqueue_depth{name="a",controller="a"} 2
        workqueue_depth{name="b",controller="b"} 3.5
        workqueue_depth_other 100
        aiguard_caches_synced 1
        broken_family{x="y"} not-a-number
        """;

    [Fact]
    public void Sums_every_sample_of_exactly_the_named_family()
    {
        Assert.Equal(5.5, MetricsExposition.Sum(Text, "workqueue_depth"));
        Assert.Equal(1, MetricsExposition.Sum(Text, "aiguard_caches_synced"));
    }

    [Fact]
    public void An_absent_family_or_an_unparsable_value_counts_as_zero()
    {
        Assert.Equal(0, MetricsExposition.Sum(Text, "rest_client_requests_total"));
        Assert.Equal(0, MetricsExposition.Sum(Text, "broken_family"));
        Assert.Equal(0, MetricsExposition.Sum("", "workqueue_depth"));
    }
}
