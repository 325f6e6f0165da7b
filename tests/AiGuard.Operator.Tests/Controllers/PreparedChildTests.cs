using AiGuard.Operator.Controllers;
using AiGuard.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>The drift check over the JSON the hash was taken from agrees with the subset check of the stamped object.</summary>
public sealed class PreparedChildTests
{
    private static V1Service Planned() => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = "m",
            NamespaceProperty = "ns",
            Labels = new Dictionary<string, string> { ["app"] = "m" },
            Annotations = new Dictionary<string, string> { ["team"] = "ml" },
        },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8080 }] },
    };

    // What the cache would hold after the operator wrote the stamped object: its fields plus server defaults.
    private static V1Service Stored(PreparedChild prepared)
    {
        var stored = KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(prepared.Object));
        stored.Metadata.ResourceVersion = "7";
        stored.Metadata.Annotations["kubectl.kubernetes.io/last-applied-configuration"] = "{}";
        stored.Spec.ClusterIP = "10.0.0.1";
        stored.Spec.Ports[0].Protocol = "TCP";
        return stored;
    }

    [Fact]
    public void A_stored_child_with_server_defaults_holds_the_plan()
    {
        var prepared = DesiredChildren.Prepare(Planned());
        var stored = Stored(prepared);

        Assert.True(prepared.IsHeldBy(stored));
        Assert.True(DesiredFields.AreContainedIn(prepared.Object, stored));
    }

    [Fact]
    public void A_changed_field_a_changed_or_missing_hash_or_no_object_is_drift_as_for_the_stamped_object()
    {
        var prepared = DesiredChildren.Prepare(Planned());
        var port = Stored(prepared);
        port.Spec.Ports[0].Port = 9090;
        var otherAnnotation = Stored(prepared);
        otherAnnotation.Metadata.Annotations["team"] = "attacker";
        var rehashed = Stored(prepared);
        rehashed.Metadata.Annotations[DesiredChildren.HashAnnotation] = "0000000000000000";
        var unhashed = Stored(prepared);
        unhashed.Metadata.Annotations.Remove(DesiredChildren.HashAnnotation);
        var bare = Stored(prepared);
        bare.Metadata.Annotations = null;

        foreach (var drifted in new[] { port, otherAnnotation, rehashed, unhashed, bare })
        {
            Assert.False(prepared.IsHeldBy(drifted));
            Assert.False(DesiredFields.AreContainedIn(prepared.Object, drifted));
        }

        Assert.False(prepared.IsHeldBy(null));
    }

    [Fact]
    public void The_hash_is_taken_over_the_fields_the_drift_check_compares()
    {
        var prepared = DesiredChildren.Prepare(Planned());

        Assert.False(prepared.Fields.GetProperty("metadata").GetProperty("annotations").TryGetProperty(DesiredChildren.HashAnnotation, out _));
        Assert.Equal("ml", prepared.Fields.GetProperty("metadata").GetProperty("annotations").GetProperty("team").GetString());
        Assert.Equal(prepared.Hash, prepared.Object.Metadata.Annotations[DesiredChildren.HashAnnotation]);
    }
}
