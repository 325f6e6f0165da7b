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

    [Fact]
    public void Canonicalized_quantities_are_equal()
    {
        Assert.True(DesiredFields.Contains(System.Text.Json.Nodes.JsonValue.Create("1"), System.Text.Json.Nodes.JsonValue.Create("1000m")));
        Assert.False(DesiredFields.Contains(System.Text.Json.Nodes.JsonValue.Create("2"), System.Text.Json.Nodes.JsonValue.Create("1000m")));
        Assert.False(DesiredFields.Contains(System.Text.Json.Nodes.JsonValue.Create("http"), System.Text.Json.Nodes.JsonValue.Create("https")));
    }
}
