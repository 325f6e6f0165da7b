using System.Text.Json.Nodes;
using AiGuard.Sandbox.Apply;
using AiGuard.Sandbox.Patching;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Tests.Apply;

public sealed class ServerSideApplyTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Deployment(int replicas, string image, string? extraLabel = null)
    {
        var deployment = Obj("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
             "spec":{"replicas":0,"template":{"spec":{"containers":[{"name":"app","image":""}]}}}}
            """);
        deployment["spec"]!["replicas"] = replicas;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
        if (extraLabel is not null)
        {
            deployment["metadata"]!["labels"]![extraLabel] = "1";
        }

        return deployment;
    }

    private static JsonObject Entry(JsonObject obj, string manager) =>
        obj["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>().Single(e => e["manager"]!.GetValue<string>() == manager);

    [Fact]
    public void Creates_the_object_and_records_an_apply_entry_in_fields_v1_format()
    {
        var result = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", force: false, Now);

        Assert.True(result.Created);
        Assert.Empty(result.Conflicts);
        var entry = Entry(result.Result, "kubectl");
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("apps/v1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("2026-11-25T12:00:00Z", entry["time"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""",
            JsonText.Of(entry["fieldsV1"]));
        Assert.Equal(2, result.Result["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Ignores_server_owned_metadata_in_the_applied_body()
    {
        var live = ServerSideApply.Apply(null, Deployment(1, "app:1"), "kubectl", false, Now).Result;
        live["metadata"]!["resourceVersion"] = "42";
        live["metadata"]!["uid"] = "uid-1";
        var applied = Deployment(1, "app:1");
        applied["metadata"]!["resourceVersion"] = "1";
        applied["metadata"]!["uid"] = "forged";
        applied["metadata"]!["creationTimestamp"] = null;
        applied["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "forged" });

        var result = ServerSideApply.Apply(live, applied, "kubectl", false, Now).Result;

        Assert.Equal("42", result["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("uid-1", result["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(["kubectl"], result["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()));
    }

    [Fact]
    public void Reports_a_conflict_with_another_manager_without_force_and_changes_nothing()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;

        var result = ServerSideApply.Apply(live, Deployment(5, "app:1"), "helm", force: false, Now);

        Assert.Equal([".spec.replicas"], result.Conflicts);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", result.ConflictMessage);
        Assert.True(JsonSemantics.AreEqual(live, result.Result));
    }

    [Fact]
    public void Names_keyed_list_items_in_conflict_paths()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;

        var result = ServerSideApply.Apply(live, Deployment(3, "app:2"), "helm", false, Now);

        Assert.Equal([".spec.replicas", ".spec.template.spec.containers[name=\"app\"].image"], result.Conflicts);
        Assert.StartsWith("Apply failed with 2 conflicts: conflicts with \"kubectl\":\n- .spec.replicas\n- ", result.ConflictMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Force_moves_ownership_of_the_contested_field()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5}}"""), "aiguard-operator", force: true, Now);

        Assert.Empty(result.Conflicts);
        Assert.Equal(5, result.Result["spec"]!["replicas"]!.GetValue<int>());
        Assert.DoesNotContain("f:replicas", JsonText.Of(Entry(result.Result, "kubectl")["fieldsV1"]), StringComparison.Ordinal);
        Assert.Contains("f:replicas", JsonText.Of(Entry(result.Result, "aiguard-operator")["fieldsV1"]), StringComparison.Ordinal);
        Assert.Equal("app:1", result.Result["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Same_value_from_two_managers_is_shared_not_a_conflict()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;

        var result = ServerSideApply.Apply(live, Deployment(2, "app:1"), "helm", false, Now);

        Assert.Empty(result.Conflicts);
        Assert.Contains("f:replicas", JsonText.Of(Entry(result.Result, "kubectl")["fieldsV1"]), StringComparison.Ordinal);
        Assert.Contains("f:replicas", JsonText.Of(Entry(result.Result, "helm")["fieldsV1"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_disjoint_fields_of_two_managers()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;
        var sidecar = Obj("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","annotations":{"guard":"on"}},
             "spec":{"template":{"spec":{"containers":[{"name":"guard","image":"guard:1"}]}}}}
            """);

        var afterSecond = ServerSideApply.Apply(live, sidecar, "aiguard-operator", false, Now).Result;
        var afterFirstAgain = ServerSideApply.Apply(afterSecond, Deployment(3, "app:1"), "kubectl", false, Now).Result;

        Assert.Equal(3, afterFirstAgain["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("on", afterFirstAgain["metadata"]!["annotations"]!["guard"]!.GetValue<string>());
        Assert.Equal(["app", "guard"], afterFirstAgain["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Removes_fields_and_list_items_the_manager_stops_applying()
    {
        var first = Deployment(2, "app:1", extraLabel: "tier");
        first["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add(new JsonObject { ["name"] = "old", ["image"] = "old:1" });
        var live = ServerSideApply.Apply(null, first, "kubectl", false, Now).Result;

        var second = Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"}]}}}}""");
        var result = ServerSideApply.Apply(live, second, "kubectl", false, Now).Result;

        Assert.False(result["spec"]!.AsObject().ContainsKey("replicas"));
        Assert.False(result["metadata"]!["labels"]!.AsObject().ContainsKey("tier"));
        Assert.Equal(["app"], result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Keeps_a_field_the_manager_stops_applying_when_another_manager_owns_it()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;
        live = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}"""), "hpa", false, Now).Result;

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"}]}}}}"""), "kubectl", false, Now).Result;

        Assert.Equal(2, result["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Leaves_fields_set_by_plain_updates_alone_when_not_applied()
    {
        var live = Deployment(2, "app:1");
        live["status"] = Obj("""{"readyReplicas":2}""");
        ManagedFields.RecordUpdate(null, live, "kube-controller-manager", Now);

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"team":"a"}}}"""), "kubectl", false, Now);

        Assert.Empty(result.Conflicts);
        Assert.Equal(2, result.Result["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal("a", result.Result["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("web", result.Result["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public void Conflicts_with_an_update_manager_that_changed_the_field()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;
        var scaled = (JsonObject)live.DeepClone();
        scaled["spec"]!["replicas"] = 7;
        ManagedFields.RecordUpdate(live, scaled, "kubectl-scale", Now);

        var result = ServerSideApply.Apply(scaled, Deployment(2, "app:1"), "kubectl", false, Now);

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-scale\": .spec.replicas", result.ConflictMessage);
    }

    [Fact]
    public void Merges_finalizers_as_a_set_and_custom_resource_lists_atomically()
    {
        var live = ServerSideApply.Apply(null, Obj("""{"apiVersion":"aiguard.io/v1alpha1","kind":"GuardPolicy","metadata":{"name":"p","finalizers":["a"]},"spec":{"containers":[{"name":"x","v":1}]}}"""), "one", false, Now).Result;

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"aiguard.io/v1alpha1","kind":"GuardPolicy","metadata":{"name":"p","finalizers":["b"]}}"""), "two", false, Now).Result;

        Assert.Equal("""["a","b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Contains("v:\\\"b\\\"", JsonText.Of(Entry(result, "two")["fieldsV1"]), StringComparison.Ordinal);
        Assert.Equal("""{"f:metadata":{"f:finalizers":{"v:\"a\"":{}}},"f:spec":{"f:containers":{}}}""", JsonText.Of(Entry(result, "one")["fieldsV1"]));
    }

    [Fact]
    public void Reapplying_the_same_config_changes_only_the_timestamp()
    {
        var live = ServerSideApply.Apply(null, Deployment(2, "app:1"), "kubectl", false, Now).Result;

        var result = ServerSideApply.Apply(live, Deployment(2, "app:1"), "kubectl", false, Now.AddMinutes(1)).Result;

        Entry(result, "kubectl")["time"] = Entry(live, "kubectl")["time"]!.DeepClone();
        Assert.True(JsonSemantics.AreEqual(live, result));
    }

    [Fact]
    public void Takes_over_fields_nobody_owns_without_a_conflict()
    {
        var live = Deployment(2, "app:1"); // e.g. created by a write that recorded no managedFields

        var result = ServerSideApply.Apply(live, Deployment(4, "app:1"), "kubectl", false, Now);

        Assert.Empty(result.Conflicts);
        Assert.False(result.Created);
        Assert.Equal(4, result.Result["spec"]!["replicas"]!.GetValue<int>());
    }
}
