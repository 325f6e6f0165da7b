using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;

namespace AiGuard.Sandbox.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"},"finalizers":["a"]},
         "spec":{"replicas":1,"template":{"spec":{
           "containers":[
             {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
              "ports":[{"containerPort":80,"name":"http"}],"args":["--x"]},
             {"name":"sidecar","image":"side:1"}],
           "volumes":[{"name":"data","emptyDir":{}}],
           "tolerations":[{"key":"k1","operator":"Exists"}]}}}}
        """;

    private static JsonNode Patch(string target, string patch, string apiVersion = "apps/v1", string kind = "Deployment") =>
        StrategicMergePatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!, apiVersion, kind);

    private static JsonArray Containers(JsonNode deployment) => deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();

    [Fact]
    public void Merges_containers_by_name_keeping_the_others()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""");

        var containers = Containers(result);
        Assert.Equal(2, containers.Count);
        Assert.Equal("app:2", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(2, containers[0]!["env"]!.AsArray().Count);
        Assert.Equal("side:1", containers[1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Appends_new_keyed_items_and_merges_env_by_name()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","env":[{"name":"B","value":"changed"},{"name":"C","value":"3"}]},
              {"name":"third","image":"third:1"}]}}}}
            """);

        var containers = Containers(result);
        Assert.Equal(["app", "sidecar", "third"], containers.Select(c => c!["name"]!.GetValue<string>()));
        var env = containers[0]!["env"]!.AsArray();
        Assert.Equal(["A=1", "B=changed", "C=3"], env.Select(e => $"{e!["name"]}={e["value"]}"));
    }

    [Fact]
    public void Patch_delete_directive_removes_a_keyed_item()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""");

        Assert.Equal(["app"], Containers(result).Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Patch_delete_directive_removes_a_map()
    {
        var result = Patch(Deployment, """{"metadata":{"labels":{"$patch":"delete"}}}""");

        Assert.False(result["metadata"]!.AsObject().ContainsKey("labels"));
    }

    [Fact]
    public void Patch_replace_directive_replaces_a_map_and_a_list()
    {
        var result = Patch(Deployment, """
            {"metadata":{"labels":{"$patch":"replace","tier":"front"}},
             "spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"only:1"}]}}}}
            """);

        Assert.Equal("""{"tier":"front"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(["only"], Containers(result).Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Replaces_lists_without_a_merge_key()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--y"]}],"tolerations":[{"key":"k2","operator":"Exists"}]}}}}
            """);

        Assert.Equal("""["--y"]""", Containers(result)[0]!["args"]!.ToJsonString());
        Assert.Equal("""[{"key":"k2","operator":"Exists"}]""", result["spec"]!["template"]!["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void Null_deletes_fields_inside_keyed_items()
    {
        var result = Patch(Deployment, """{"spec":{"replicas":null,"template":{"spec":{"containers":[{"name":"app","args":null}]}}}}""");

        Assert.False(result["spec"]!.AsObject().ContainsKey("replicas"));
        Assert.False(Containers(result)[0]!.AsObject().ContainsKey("args"));
    }

    [Fact]
    public void Merges_container_ports_by_container_port_and_service_ports_by_port()
    {
        var deployment = Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":9090}]}]}}}}""");
        Assert.Equal("""[{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":9090}]""", Containers(deployment)[0]!["ports"]!.ToJsonString());

        var service = Patch(
            """{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""",
            """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""",
            "v1",
            "Service");
        Assert.Equal("""[{"port":80,"targetPort":9090},{"port":443}]""", service["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void Merges_finalizers_as_a_set_and_honours_delete_from_primitive_list()
    {
        var added = Patch(Deployment, """{"metadata":{"finalizers":["a","b"]}}""");
        Assert.Equal("""["a","b"]""", added["metadata"]!["finalizers"]!.ToJsonString());

        var removed = Patch(added.ToJsonString(), """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""");
        Assert.Equal("""["b"]""", removed["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Strips_ordering_and_unknown_directives_so_none_are_stored()
    {
        var result = Patch(Deployment, """
            {"metadata":{"labels":{"extra":"1"}},
             "spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
                     "template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"name":"new","image":"n:1","$unknown":1}]}}}}
            """);

        Assert.DoesNotContain("$", result.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(3, Containers(result).Count);
    }

    [Fact]
    public void Retain_keys_drops_unlisted_fields()
    {
        var result = Patch(
            """{"apiVersion":"apps/v1","kind":"Deployment","spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void Merges_owner_references_by_uid_and_conditions_by_type()
    {
        var result = Patch(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"ownerReferences":[{"uid":"u1","name":"a"}]},"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Scheduled","status":"True"}]}}""",
            """{"metadata":{"ownerReferences":[{"uid":"u2","name":"b"}]},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""",
            "v1",
            "Pod");

        Assert.Equal(["u1", "u2"], result["metadata"]!["ownerReferences"]!.AsArray().Select(o => o!["uid"]!.GetValue<string>()));
        Assert.Equal("""[{"type":"Ready","status":"True"},{"type":"Scheduled","status":"True"}]""", result["status"]!["conditions"]!.ToJsonString());
    }

    [Fact]
    public void Rejects_an_unknown_patch_directive()
    {
        var error = Assert.Throws<PatchException>(() => Patch(Deployment, """{"metadata":{"labels":{"$patch":"explode"}}}"""));

        Assert.Contains("metadata.labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_the_target_untouched()
    {
        var target = JsonNode.Parse(Deployment)!;
        var before = target.ToJsonString();

        _ = StrategicMergePatch.Apply(target, JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"x"}]}}}}""")!, "apps/v1", "Deployment");

        Assert.Equal(before, target.ToJsonString());
    }
}
