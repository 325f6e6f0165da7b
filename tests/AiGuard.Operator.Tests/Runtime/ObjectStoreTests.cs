using AiGuard.Operator.Runtime;
using k8s.Models;
using static AiGuard.Operator.Tests.Runtime.ScriptedListWatch;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class ObjectStoreTests
{
    [Fact]
    public void Gets_and_lists_by_namespace()
    {
        var store = new ObjectStore<V1ConfigMap>();
        store.Upsert(ConfigMap("a", "1", ns: "team-a"));
        store.Upsert(ConfigMap("b", "2", ns: "team-a"));
        store.Upsert(ConfigMap("a", "3", ns: "team-b"));

        Assert.Equal("3", store.Get("team-b", "a")!.Metadata.ResourceVersion);
        Assert.Null(store.Get("team-c", "a"));
        Assert.Equal(["a", "b"], store.List("team-a").Select(c => c.Metadata.Name).Order());
        Assert.Single(store.List("team-b"));
        Assert.Equal(3, store.List().Count);

        store.Remove(new ObjectKey("team-a", "a"));
        Assert.Equal(["b"], store.List("team-a").Select(c => c.Metadata.Name));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Lists_by_namespace_the_same_with_or_without_the_namespace_index(bool indexNamespaces)
    {
        var store = new ObjectStore<V1ConfigMap>(indexNamespaces);
        store.Upsert(ConfigMap("a", "1", ns: "team-a"));
        store.Upsert(ConfigMap("b", "2", ns: "team-a"));
        store.Upsert(ConfigMap("a", "3", ns: "team-b"));
        store.Upsert(ConfigMap("global", "4", ns: ""));

        Assert.Equal(["a", "b"], store.List("team-a").Select(c => c.Metadata.Name).Order());
        Assert.Equal(["3"], store.List("team-b").Select(c => c.Metadata.ResourceVersion));
        Assert.Equal(["global"], store.List(string.Empty).Select(c => c.Metadata.Name));
        Assert.Empty(store.List("team-c"));
        Assert.Empty(store.List("team")); // a namespace is matched whole, never by prefix

        store.Upsert(ConfigMap("a", "5", ns: "team-a"));
        store.Remove(new ObjectKey("team-a", "b"));
        Assert.Equal(["5"], store.List("team-a").Select(c => c.Metadata.ResourceVersion));
    }

    [Fact]
    public void Finds_children_by_owner_uid_and_follows_owner_changes()
    {
        var store = new ObjectStore<V1ConfigMap>();
        store.AddIndex(ObjectIndexers.OwnerUidIndex, ObjectIndexers.OwnerUid);
        store.Upsert(Owned(ConfigMap("a", "1"), "uid-1"));
        store.Upsert(Owned(ConfigMap("b", "2"), "uid-1"));
        store.Upsert(Owned(ConfigMap("c", "3"), "uid-2"));
        store.Upsert(ConfigMap("orphan", "4"));

        Assert.Equal(["a", "b"], store.ByIndex(ObjectIndexers.OwnerUidIndex, "uid-1").Select(c => c.Metadata.Name).Order());

        store.Upsert(Owned(ConfigMap("b", "5"), "uid-2")); // re-owned: the old index entry must go
        Assert.Equal(["a"], store.ByIndex(ObjectIndexers.OwnerUidIndex, "uid-1").Select(c => c.Metadata.Name));
        Assert.Equal(["b", "c"], store.ByIndex(ObjectIndexers.OwnerUidIndex, "uid-2").Select(c => c.Metadata.Name).Order());
        Assert.Empty(store.ByIndex(ObjectIndexers.OwnerUidIndex, "uid-3"));
    }

    [Fact]
    public void An_index_value_keeps_every_key_as_it_grows_from_one_to_many_and_shrinks_back_to_none()
    {
        var store = new ObjectStore<V1ConfigMap>();
        store.AddIndex(ObjectIndexers.OwnerUidIndex, ObjectIndexers.OwnerUid);
        string[] OwnedBy(string uid) => [.. store.ByIndex(ObjectIndexers.OwnerUidIndex, uid).Select(c => c.Metadata.Name).Order()];

        store.Upsert(Owned(ConfigMap("a", "1"), "uid-1"));
        store.Upsert(Owned(ConfigMap("a", "2"), "uid-1")); // the same key again: still one entry
        Assert.Equal(["a"], OwnedBy("uid-1"));

        store.Upsert(Owned(ConfigMap("b", "3"), "uid-1"));
        store.Upsert(Owned(ConfigMap("c", "4"), "uid-1"));
        Assert.Equal(["a", "b", "c"], OwnedBy("uid-1"));

        store.Remove(new ObjectKey("default", "b"));
        store.Remove(new ObjectKey("default", "a"));
        Assert.Equal(["c"], OwnedBy("uid-1"));
        store.Remove(new ObjectKey("default", "c"));
        Assert.Empty(OwnedBy("uid-1"));

        store.Upsert(Owned(ConfigMap("d", "5"), "uid-1")); // an emptied value takes keys again
        Assert.Equal(["d"], OwnedBy("uid-1"));
        store.Remove(new ObjectKey("default", "missing")); // removing what is absent changes nothing
        Assert.Equal(["d"], OwnedBy("uid-1"));
    }

    [Fact]
    public void An_index_added_later_covers_existing_objects()
    {
        var store = new ObjectStore<V1ConfigMap>();
        var labelled = ConfigMap("a", "1");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["aiguard.io/model-deployment"] = "fraud" };
        store.Upsert(labelled);
        store.Upsert(ConfigMap("b", "2"));

        store.AddIndex("model", ObjectIndexers.Label("aiguard.io/model-deployment"));

        Assert.Equal(["a"], store.ByIndex("model", "fraud").Select(c => c.Metadata.Name));
        Assert.Throws<ArgumentException>(() => store.AddIndex("model", ObjectIndexers.OwnerUid));
        Assert.Throws<ArgumentException>(() => store.ByIndex("no-such-index", "x"));
    }

    [Fact]
    public void Replace_reports_added_changed_and_vanished_objects_and_keeps_indexes_right()
    {
        var store = new ObjectStore<V1ConfigMap>();
        store.AddIndex(ObjectIndexers.OwnerUidIndex, ObjectIndexers.OwnerUid);
        store.Upsert(Owned(ConfigMap("same", "1"), "uid-1"));
        store.Upsert(Owned(ConfigMap("changed", "2"), "uid-1"));
        store.Upsert(Owned(ConfigMap("gone", "3"), "uid-1"));

        var delta = store.Replace([Owned(ConfigMap("same", "1"), "uid-1"), Owned(ConfigMap("changed", "7"), "uid-2"), ConfigMap("new", "8")]);

        Assert.Equal(["new"], delta.Added.Select(c => c.Metadata.Name));
        Assert.Equal([("2", "7")], delta.Updated.Select(u => (u.Old.Metadata.ResourceVersion, u.New.Metadata.ResourceVersion)));
        Assert.Equal(["gone"], delta.Deleted.Select(c => c.Metadata.Name));
        Assert.Equal(["same"], store.ByIndex(ObjectIndexers.OwnerUidIndex, "uid-1").Select(c => c.Metadata.Name));
        Assert.Equal(["changed"], store.ByIndex(ObjectIndexers.OwnerUidIndex, "uid-2").Select(c => c.Metadata.Name));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public void Cluster_scoped_objects_have_a_key_without_namespace()
    {
        var store = new ObjectStore<V1ConfigMap>();
        var clusterScoped = ConfigMap("baseline", "1");
        clusterScoped.Metadata.NamespaceProperty = null;
        store.Upsert(clusterScoped);

        Assert.Equal("baseline", ObjectKey.Of(clusterScoped).ToString());
        Assert.Same(clusterScoped, store.Get(null, "baseline"));
        Assert.Equal("ml-prod/fraud", new ObjectKey("ml-prod", "fraud").ToString());
    }

    private static V1ConfigMap Owned(V1ConfigMap item, string ownerUid)
    {
        item.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "aiguard.io/v1alpha1", Kind = "ModelDeployment", Name = "m", Uid = ownerUid }];
        return item;
    }
}
