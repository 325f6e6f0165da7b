using System.Text.Json.Nodes;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Reconciliation;
using AiGuard.Operator.Runtime;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>The small pieces behind write economy: status diffs, write tracking and empty-list drift.</summary>
public sealed class MergePatchAndRecentWritesTests
{
    [Fact]
    public void Status_diff_holds_changes_and_nulls_for_removed_fields_only()
    {
        var from = JsonNode.Parse("""{"phase":"Blocked","image":{"requested":"a","patchedFrom":"b"},"findings":[1,2],"score":50}""")!.AsObject();
        var to = JsonNode.Parse("""{"phase":"Compliant","image":{"requested":"a"},"findings":[1],"score":50}""")!.AsObject();

        var patch = MergePatchDiff.Between(from, to);

        Assert.Equal("""{"phase":"Compliant","image":{"patchedFrom":null},"findings":[1]}""", patch.ToJsonString());
        Assert.Empty(MergePatchDiff.Between(to, to));
    }

    [Fact]
    public void Recent_write_wins_over_a_stale_cache_until_the_cache_catches_up()
    {
        var writes = new RecentWrites<V1ConfigMap>();
        var key = new ObjectKey("ns", "cm");
        var stale = ConfigMap("5", "old");
        var written = ConfigMap("7", "new");
        writes.Written(written);

        Assert.Same(written, writes.Freshest(key, stale));
        Assert.Same(written, writes.Freshest(key, null));

        var caughtUp = ConfigMap("7", "new");
        writes.Observe(caughtUp, deleted: false);
        Assert.Same(stale, writes.Freshest(key, stale)); // entry dropped: the cache is the truth again
        Assert.Equal(0, writes.Pending);
    }

    [Fact]
    public void Entries_are_dropped_as_soon_as_the_cache_shows_the_write_without_any_read()
    {
        static V1ConfigMap Named(string name, string resourceVersion) =>
            new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = resourceVersion, Uid = name } };
        var writes = new RecentWrites<V1ConfigMap>();
        for (var i = 0; i < 100; i++)
        {
            writes.Written(Named($"cm-{i}", $"{10 + i}"));
        }

        for (var i = 0; i < 100; i++)
        {
            writes.Observe(Named($"cm-{i}", $"{(i % 2 == 0 ? 10 + i : 500)}"), deleted: false);
        }

        Assert.Equal(0, writes.Pending); // nothing is held for objects the cache already has at the written version or newer
        writes.Written(Named("late", "900"));
        writes.Observe(Named("late", "899"), deleted: false);
        Assert.Equal(1, writes.Pending); // an older cached version does not drop the newer write
        writes.Observe(Named("late", "899"), deleted: true);
        Assert.Equal(0, writes.Pending); // a delete drops it too
    }

    [Fact]
    public void Write_answer_arriving_after_the_cache_saw_it_and_its_deletion_does_not_resurrect_the_object()
    {
        var writes = new RecentWrites<V1ConfigMap>();
        var key = new ObjectKey("ns", "cm");
        var created = ConfigMap("7", "new");
        writes.Observe(created, deleted: false);
        writes.Observe(ConfigMap("8", "new"), deleted: true); // garbage-collected before the answer was handed back

        writes.Written(created);

        Assert.Null(writes.Freshest(key, null));
        Assert.Equal(0, writes.Pending);
        writes.Written(ConfigMap("9", "newer")); // an answer the cache has not delivered yet is still remembered
        Assert.Equal(1, writes.Pending);
    }

    [Fact]
    public void Deleted_object_reads_as_absent_until_the_cache_sees_the_delete()
    {
        var writes = new RecentWrites<V1ConfigMap>();
        var cached = ConfigMap("3", "x");
        writes.Deleted(new ObjectKey("ns", "cm"), cached.Metadata.Uid);

        Assert.Null(writes.Freshest(new ObjectKey("ns", "cm"), cached));
        var recreated = ConfigMap("9", "y", uid: "other");
        Assert.Same(recreated, writes.Freshest(new ObjectKey("ns", "cm"), recreated));
    }

    [Fact]
    public void Empty_desired_list_matches_an_omitted_field_but_not_a_filled_one()
    {
        var desired = new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1NetworkPolicySpec { Ingress = [] } };
        var omitted = new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1NetworkPolicySpec() };
        var widened = new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1NetworkPolicySpec { Ingress = [new V1NetworkPolicyIngressRule()] } };

        Assert.True(DesiredFields.AreContainedIn(desired, omitted));
        Assert.False(DesiredFields.AreContainedIn(desired, widened));
    }

    [Fact]
    public void Desired_hash_changes_when_a_field_is_dropped()
    {
        static V1Deployment Plan(bool withLimits) => new()
        {
            Metadata = new V1ObjectMeta { Name = "d" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                MinReadySeconds = withLimits ? 5 : null,
            },
        };

        var before = DesiredChildren.Prepare(Plan(true)).Object.Metadata.Annotations[DesiredChildren.HashAnnotation];
        var after = DesiredChildren.Prepare(Plan(false));

        Assert.NotEqual(before, after.Object.Metadata.Annotations[DesiredChildren.HashAnnotation]);
        Assert.Equal(after.Object.Metadata.Annotations[DesiredChildren.HashAnnotation], DesiredChildren.Prepare(Plan(false)).Object.Metadata.Annotations[DesiredChildren.HashAnnotation]);
    }

    [Fact]
    public void Desired_hash_is_unchanged_from_the_one_children_already_carry()
    {
        // Children created by earlier builds carry this hash; a different hash of the same plan would re-apply every
        // child of every model once after an upgrade.
        var child = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["app"] = "m" } },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8080 }] },
        };

        var hash = DesiredChildren.Prepare(child).Object.Metadata.Annotations[DesiredChildren.HashAnnotation];

        Assert.Equal("07ab0c24d3de6c65", hash);
    }

    private static V1ConfigMap ConfigMap(string resourceVersion, string value, string uid = "u1") => new()
    {
        Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = "ns", ResourceVersion = resourceVersion, Uid = uid },
        Data = new Dictionary<string, string> { ["v"] = value },
    };
}
