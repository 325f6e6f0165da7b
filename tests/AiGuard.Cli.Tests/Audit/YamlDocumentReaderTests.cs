using System.Text.Json.Nodes;
using AiGuard.Cli.Audit;
using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Tests.Audit;

public sealed class YamlDocumentReaderTests
{
    private static (JsonNode? Json, SourceMap Map) Single(string yaml)
    {
        var document = Assert.Single(YamlDocumentReader.Read(yaml));
        return JsonProjection.Convert(document.Root!);
    }

    [Theory]
    [InlineData("v: 42", "42")]
    [InlineData("v: -7", "-7")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: 2.5", "2.5")]
    [InlineData("v: true", "true")]
    [InlineData("v: False", "false")]
    [InlineData("v: ~", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: yes", "\"yes\"")]
    [InlineData("v: \"42\"", "\"42\"")]
    [InlineData("v: '1.0'", "\"1.0\"")]
    [InlineData("v: !!str 42", "\"42\"")]
    [InlineData("v: !!int \"42\"", "42")]
    [InlineData("v: 0.6.4", "\"0.6.4\"")]
    [InlineData("v: 24.08-py3", "\"24.08-py3\"")]
    [InlineData("v: .inf", "\".inf\"")]
    [InlineData("v: 2026-12-10T00:00:00Z", "\"2026-12-10T00:00:00Z\"")]
    public void Scalars_resolve_by_the_yaml_1_2_core_schema(string yaml, string json)
    {
        var (value, _) = Single(yaml);

        Assert.Equal(json, value!["v"]?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Positions_of_values_and_keys_are_one_based()
    {
        var (_, map) = Single("a:\n  b:\n    - x\n    - y: 1\n");

        Assert.Equal(new SourcePosition(1, 1), map.Position);
        Assert.Equal(new SourcePosition(3, 5), map.Locate(FieldPath.Parse("a.b")));
        Assert.Equal(new SourcePosition(4, 7), map.Locate(FieldPath.Parse("a.b[1]")));
        Assert.Equal(new SourcePosition(4, 10), map.Locate(FieldPath.Parse("a.b[1].y")));
        Assert.Equal(new SourcePosition(4, 7), map.Locate(FieldPath.Parse("a.b[1].y"), atKey: true));
        // A missing field is located at its nearest existing parent.
        Assert.Equal(new SourcePosition(4, 7), map.Locate(FieldPath.Parse("a.b[1].z")));
        Assert.Equal(new SourcePosition(3, 5), map.Locate(FieldPath.Parse("a.b[9]")));
    }

    [Fact]
    public void Serializer_and_engine_paths_locate_the_same_field()
    {
        var (_, map) = Single("limits:\n  nvidia.com/gpu: \"1\"\n");

        Assert.Equal(new SourcePosition(2, 19), map.Locate(FieldPath.Parse("$.limits['nvidia.com/gpu']")));
        Assert.Equal(new SourcePosition(2, 19), map.Locate(FieldPath.Parse("limits[nvidia.com/gpu]")));
        Assert.Equal("limits[nvidia.com/gpu]", FieldPath.Parse("$.limits['nvidia.com/gpu']").ToString());
    }

    [Fact]
    public void Documents_report_their_start_and_empty_ones_have_no_root()
    {
        var documents = YamlDocumentReader.Read("a: 1\n---\n# nothing\n---\n\nb: 2\n");

        Assert.Equal(3, documents.Count);
        Assert.NotNull(documents[0].Root);
        Assert.Null(documents[1].Root);
        Assert.Equal(new SourcePosition(6, 1), documents[2].Root!.Start);
    }

    [Fact]
    public void Aliases_and_merge_keys_expand_with_local_keys_winning()
    {
        var (json, _) = Single("base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":1,"y":3}"""), json!["child"]), json.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"x":1,"y":2}"""), json["base"]), json.ToJsonString());
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", 2, 1, "duplicate key \"a\" (first at line 1)")]
    [InlineData("a: *missing\n", 1, 4, "alias to an anchor not defined before it")]
    [InlineData("? [x]\n: 1\n", 1, 3, "mapping keys must be plain strings")]
    [InlineData("a: !!int abc\n", 1, 4, "the value tagged tag:yaml.org,2002:int is not an integer")]
    public void Malformed_documents_fail_at_the_offending_node(string yaml, int line, int column, string message)
    {
        var error = Assert.Throws<YamlSyntaxException>(() =>
        {
            foreach (var document in YamlDocumentReader.Read(yaml))
            {
                JsonProjection.Convert(document.Root!);
            }
        });

        Assert.Equal(new SourcePosition(line, column), error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_nesting_is_rejected_before_it_can_exhaust_the_stack()
    {
        var yaml = new string('[', 10_000) + new string(']', 10_000);

        var error = Assert.Throws<YamlSyntaxException>(() => YamlDocumentReader.Read(yaml));

        Assert.Contains("nesting deeper than 128 levels", error.Message, StringComparison.Ordinal);
    }
}
