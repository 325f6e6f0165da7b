using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;
using AiGuard.Schema;
using CsCheck;

namespace AiGuard.Sandbox.Tests.Patching;

public sealed class JsonMergePatchTests
{
    [Fact]
    public void Merges_objects_recursively_and_null_deletes()
    {
        var target = JsonNode.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"replicas":1}}""");
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"replicas":3}}""");

        var result = JsonMergePatch.Apply(target, patch);

        Assert.True(JsonSemantics.AreEqual(JsonNode.Parse("""{"metadata":{"labels":{"b":"2","c":"3"}},"spec":{"replicas":3}}"""), result));
        Assert.Equal("1", target!["metadata"]!["labels"]!["a"]!.GetValue<string>()); // input untouched
    }

    [Fact]
    public void Replaces_arrays_whole()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":[1,2,3]}"""), JsonNode.Parse("""{"a":[4]}"""));

        Assert.Equal("""{"a":[4]}""", result!.ToJsonString());
    }

    [Fact]
    public void Non_object_patch_replaces_the_target()
    {
        Assert.Equal("\"x\"", JsonMergePatch.Apply(JsonNode.Parse("""{"a":1}"""), JsonValue.Create("x"))!.ToJsonString());
        Assert.Null(JsonMergePatch.Apply(JsonNode.Parse("""{"a":1}"""), null));
    }

    [Fact]
    public void Patch_into_a_non_object_member_starts_from_an_empty_object()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":"scalar"}"""), JsonNode.Parse("""{"a":{"b":{"c":null,"d":1}}}"""));

        Assert.Equal("""{"a":{"b":{"d":1}}}""", result!.ToJsonString());
    }

    [Fact]
    public void Merging_the_diff_between_two_random_objects_yields_the_second()
    {
        var gen = Gen.Select(JsonGenerators.Object(3), JsonGenerators.Object(3));
        gen.Sample((from, to) =>
        {
            var patch = Diff(from, to);
            var result = JsonMergePatch.Apply(from, patch);
            return JsonSemantics.AreEqual(to, result);
        });
    }

    // The RFC 7386 patch that turns one object into another: removed members become null, changed ones are set.
    private static JsonObject Diff(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, _) in from)
        {
            if (!to.ContainsKey(name))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in to)
        {
            var old = from[name];
            if (old is JsonObject oldObject && value is JsonObject newObject)
            {
                patch[name] = Diff(oldObject, newObject);
            }
            else if (!from.ContainsKey(name) || !JsonSemantics.AreEqual(old, value))
            {
                patch[name] = value?.DeepClone();
            }
        }

        return patch;
    }
}
