using System.Text.Json.Nodes;
using AiGuard.Sandbox.Apply;
using AiGuard.Sandbox.Patching;

namespace AiGuard.Sandbox.Tests.Apply;

public sealed class ManagedFieldsTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    [Fact]
    public void Create_records_every_set_field_for_the_writer()
    {
        var created = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"d","uid":"u","labels":{"a":"1"}},"data":{"k":"v"}}""");

        ManagedFields.RecordUpdate(null, created, "kubectl-create", Now);

        var entry = Assert.Single(Entries(created))!;
        Assert.Equal("kubectl-create", entry["manager"]!.GetValue<string>());
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal("""{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:a":{}}}}""", JsonText.Of(entry["fieldsV1"]));
    }

    [Fact]
    public void Update_takes_changed_fields_from_other_managers_and_drops_removed_ones()
    {
        var before = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1","b":"2","c":"3"}}""");
        ManagedFields.RecordUpdate(null, before, "creator", Now);
        var after = (JsonObject)before.DeepClone();
        after["data"]!["a"] = "changed";
        after["data"]!.AsObject().Remove("b");
        after["metadata"]!.AsObject().Remove("managedFields"); // a PUT from a client that does not send them

        ManagedFields.RecordUpdate(before, after, "editor", Now.AddMinutes(1));

        var entries = Entries(after);
        Assert.Equal("""{"f:data":{"f:c":{}}}""", JsonText.Of(entries.Single(e => e!["manager"]!.GetValue<string>() == "creator")!["fieldsV1"]));
        var editor = entries.Single(e => e!["manager"]!.GetValue<string>() == "editor")!;
        Assert.Equal("""{"f:data":{"f:a":{}}}""", JsonText.Of(editor["fieldsV1"]));
        Assert.Equal("2026-11-25T12:01:00Z", editor["time"]!.GetValue<string>());
    }

    [Fact]
    public void A_write_that_changes_nothing_adds_no_entry()
    {
        var before = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1"}}""");
        ManagedFields.RecordUpdate(null, before, "creator", Now);
        var after = (JsonObject)before.DeepClone();

        ManagedFields.RecordUpdate(before, after, "noop", Now);

        Assert.Equal(["creator"], Entries(after).Select(e => e!["manager"]!.GetValue<string>()));
    }

    [Fact]
    public void Managed_fields_written_by_the_client_replace_the_stored_ones()
    {
        // kubectl --server-side after a client-side apply json-patches /metadata/managedFields to hand its fields over.
        var before = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1"}}""");
        ManagedFields.RecordUpdate(null, before, "kubectl-client-side-apply", Now);
        var patched = JsonPatch.Apply(before, JsonNode.Parse("""
            [{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]}]
            """)!.AsArray()).AsObject();

        ManagedFields.RecordUpdate(before, patched, "kubectl", Now);

        var entry = Assert.Single(Entries(patched))!;
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());

        var applied = ServerSideApply.Apply(patched, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"b":"2"}}"""), "kubectl", false, Now);
        Assert.Empty(applied.Conflicts);
        Assert.Equal("""{"b":"2"}""", applied.Result["data"]!.ToJsonString()); // "a" was kubectl's and is no longer applied
    }

    [Fact]
    public void Client_side_apply_then_server_side_apply_of_the_same_values_does_not_conflict()
    {
        var created = Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"app","image":"a:1"}]}}}}""");
        ManagedFields.RecordUpdate(null, created, "kubectl-client-side-apply", Now);

        var applied = ServerSideApply.Apply(created, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"app","image":"a:1"}]}}}}"""), "kubectl", false, Now);

        Assert.Empty(applied.Conflicts);
        Assert.Contains("""k:{\"name\":\"app\"}""", JsonText.Of(Entries(applied.Result)), StringComparison.Ordinal);
    }

    [Fact]
    public void Tolerates_garbage_in_client_written_managed_fields()
    {
        var before = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1"}}""");
        var after = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","managedFields":[{"manager":"m","fieldsV1":{"k:{bad":{},"x":{},"f:data":{"f:a":{}}}},7]},"data":{"a":"2"}}""");

        ManagedFields.RecordUpdate(before, after, "editor", Now);

        Assert.Equal(["editor"], Entries(after).Select(e => e!["manager"]!.GetValue<string>()));
    }
}
