using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;

namespace AiGuard.Sandbox.Tests.Patching;

public sealed class JsonPatchTests
{
    private static JsonNode Apply(string target, string operations) =>
        JsonPatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(operations)!.AsArray());

    [Fact]
    public void Adds_replaces_and_removes_members()
    {
        var result = Apply(
            """{"spec":{"replicas":1,"paused":true}}""",
            """[{"op":"add","path":"/spec/minReadySeconds","value":5},{"op":"replace","path":"/spec/replicas","value":3},{"op":"remove","path":"/spec/paused"}]""");

        Assert.Equal("""{"spec":{"replicas":3,"minReadySeconds":5}}""", result.ToJsonString());
    }

    [Fact]
    public void Unescapes_tilde_and_slash_in_annotation_keys()
    {
        var result = Apply(
            """{"metadata":{"annotations":{"a~b":"1"}}}""",
            """[{"op":"add","path":"/metadata/annotations/example.com~1team","value":"x"},{"op":"remove","path":"/metadata/annotations/a~0b"}]""");

        Assert.Equal("x", result["metadata"]!["annotations"]!["example.com/team"]!.GetValue<string>());
        Assert.False(result["metadata"]!["annotations"]!.AsObject().ContainsKey("a~b"));
    }

    [Fact]
    public void Inserts_into_arrays_by_index_and_appends_with_dash()
    {
        var result = Apply("""{"a":[1,3]}""", """[{"op":"add","path":"/a/1","value":2},{"op":"add","path":"/a/-","value":4}]""");

        Assert.Equal("""{"a":[1,2,3,4]}""", result.ToJsonString());
    }

    [Fact]
    public void Moves_and_copies_values()
    {
        var result = Apply("""{"a":{"x":1},"b":{}}""", """[{"op":"copy","from":"/a/x","path":"/b/y"},{"op":"move","from":"/a","path":"/c"}]""");

        Assert.Equal("""{"b":{"y":1},"c":{"x":1}}""", result.ToJsonString());
    }

    [Fact]
    public void Replaces_the_managed_fields_list_the_way_kubectl_does()
    {
        var result = Apply(
            """{"metadata":{"name":"x","managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update"}]}}""",
            """[{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl","operation":"Apply"}]}]""");

        Assert.Equal("kubectl", result["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
    }

    [Fact]
    public void Test_compares_numbers_by_value()
    {
        var result = Apply("""{"a":1}""", """[{"op":"test","path":"/a","value":1.0}]""");

        Assert.Equal("""{"a":1}""", result.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""", "test operation failed")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "\"/missing\" does not exist")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""", "does not exist")]
    [InlineData("""[{"op":"add","path":"/b/5","value":1}]""", "out of range")]
    [InlineData("""[{"op":"add","path":"/b/01","value":1}]""", "out of range")]
    [InlineData("""[{"op":"remove","path":"/b/-"}]""", "does not exist")]
    [InlineData("""[{"op":"jump","path":"/a"}]""", "unknown op \"jump\"")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "not a JSON pointer")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "missing member \"value\"")]
    [InlineData("""[{"path":"/a"}]""", "missing string member \"op\"")]
    [InlineData("""[{"op":"move","from":"/c","path":"/c/d"}]""", "into its own child")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""", "invalid escape")]
    [InlineData("""[1]""", "not a JSON object")]
    public void Rejects_bad_operations_with_a_message_naming_the_problem(string operations, string expected)
    {
        var error = Assert.Throws<PatchException>(() => Apply("""{"a":1,"b":[0],"c":{}}""", operations));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_the_input_untouched_when_a_later_operation_fails()
    {
        var target = JsonNode.Parse("""{"a":1}""")!;

        Assert.Throws<PatchException>(() => JsonPatch.Apply(target, JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"test","path":"/a","value":3}]""")!.AsArray()));
        Assert.Equal("""{"a":1}""", target.ToJsonString());
    }

    [Fact]
    public void Replaces_the_root_document()
    {
        Assert.Equal("""{"b":2}""", Apply("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""").ToJsonString());
    }
}
