using System.Text.Json.Nodes;
using AiGuard.Operator.Reconciliation;
using k8s.Models;

namespace AiGuard.Operator.Tests.Reconciliation;

public sealed class DesiredFieldsTests
{
    private static V1Service Desired() => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["a"] = "b" } },
        Spec = new V1ServiceSpec { Type = "ClusterIP", Ports = [new V1ServicePort { Name = "http", Port = 8080 }] },
    };

    [Fact]
    public void Server_defaults_and_foreign_fields_are_not_drift()
    {
        var observed = Desired();
        observed.Metadata.ResourceVersion = "42";
        observed.Metadata.Labels["other"] = "x";
        observed.Spec.Ports[0].Protocol = "TCP";
        observed.Spec.ClusterIP = "10.0.0.1";

        Assert.True(DesiredFields.AreContainedIn(Desired(), observed));
    }

    [Fact]
    public void A_changed_or_missing_field_is_drift()
    {
        var changed = Desired();
        changed.Spec.Ports[0].Port = 9090;
        var unlabelled = Desired();
        unlabelled.Metadata.Labels.Remove("a");

        Assert.False(DesiredFields.AreContainedIn(Desired(), changed));
        Assert.False(DesiredFields.AreContainedIn(Desired(), unlabelled));
        Assert.False(DesiredFields.AreContainedIn(Desired(), null));
    }

    [Fact]
    public void An_extra_list_item_is_drift()
    {
        var observed = Desired();
        observed.Spec.Ports.Add(new V1ServicePort { Name = "debug", Port = 5005 });

        Assert.False(DesiredFields.AreContainedIn(Desired(), observed));
    }

    private static JsonNode Resources(string cpu) =>
        JsonNode.Parse("""{"spec":{"containers":[{"resources":{"limits":{"cpu":""" + JsonValue.Create(cpu).ToJsonString() + "}}}]}}")!;

    private static JsonNode Annotated(string hash) =>
        JsonNode.Parse("""{"metadata":{"annotations":{"aiguard.dev/desired-hash":""" + JsonValue.Create(hash).ToJsonString() + "}}}")!;

    [Theory]
    [InlineData("1", "1000m")]
    [InlineData("1536Mi", "1.5Gi")]
    [InlineData("1024", "1Ki")]
    [InlineData("1k", "1e3")]
    [InlineData("500m", "0.5")]
    public void Canonicalized_quantities_are_equal(string observed, string desired) =>
        Assert.True(DesiredFields.Contains(Resources(observed), Resources(desired)));

    [Theory]
    [InlineData("2", "1000m")]
    [InlineData("1Gi", "1G")]
    [InlineData("1e999999999", "1e999999998")]
    public void Different_or_unreadable_quantities_are_drift(string observed, string desired) =>
        Assert.False(DesiredFields.Contains(Resources(observed), Resources(desired)));

    [Fact]
    public void Texts_outside_quantity_fields_compare_as_written()
    {
        Assert.False(DesiredFields.Contains(Annotated("1"), Annotated("1000m")));
        Assert.False(DesiredFields.Contains(JsonValue.Create("http"), JsonValue.Create("https")));
    }

    [Fact]
    public async Task Hash_like_texts_that_read_as_huge_quantities_are_compared_at_once()
    {
        // Seen on CI: two 16-hex desired hashes of the form digits-e-digits were parsed as quantities
        // (ten to the 345,678th and more), and a worker spun for minutes at 6.8 GB. The deadline only
        // bounds a hang; the comparison itself is a string compare.
        var compare = Task.Run(() => DesiredFields.Contains(Annotated("1234567e89012345"), Annotated("7654321e54321098")));

        Assert.False(await compare.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_huge_exponent_in_a_quantity_field_is_refused_not_expanded()
    {
        var compare = Task.Run(() => DesiredFields.Contains(Resources("1e2000000000"), Resources("10e1999999999")));

        Assert.False(await compare.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
