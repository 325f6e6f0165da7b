using System.Text.Json.Nodes;

namespace AiGuard.Cli.Audit.Yaml;

/// <summary>
/// JsonProjection converts a YAML node tree to JSON (what the API server stores) together with a
/// <see cref="SourceMap"/>. Aliases are expanded, with a budget so that a "billion laughs" document fails quickly
/// instead of exhausting memory, and YAML 1.1 merge keys (<c>&lt;&lt;: *base</c>) are honoured as kubectl does.
/// </summary>
public sealed class JsonProjection
{
    /// <summary>No single manifest comes near this many values; alias bombs do.</summary>
    public const int MaximumValues = 200_000;

    private int _values;

    private JsonProjection()
    {
    }

    /// <summary>Converts <paramref name="root"/>; throws <see cref="YamlSyntaxException"/> when the expansion is too large or a merge is malformed.</summary>
    public static (JsonNode? Json, SourceMap Map) Convert(ManifestNode root) =>
        new JsonProjection().ConvertNode(root, null, 0);

    private (JsonNode? Json, SourceMap Map) ConvertNode(ManifestNode node, SourcePosition? key, int depth)
    {
        if (++_values > MaximumValues)
        {
            throw new YamlSyntaxException(node.Start, $"document expands to more than {MaximumValues} values (aliases nested too often)");
        }
        if (depth > YamlDocumentReader.MaximumDepth)
        {
            throw new YamlSyntaxException(node.Start, $"nesting deeper than {YamlDocumentReader.MaximumDepth} levels");
        }
        switch (node)
        {
            case ScalarNode scalar:
                return (ScalarResolver.Resolve(scalar), new SourceMap(scalar.Start, key));
            case SequenceNode sequence:
            {
                var array = new JsonArray();
                var map = new SourceMap(sequence.Start, key) { Items = [] };
                foreach (var item in sequence.Items)
                {
                    var (json, itemMap) = ConvertNode(item, null, depth + 1);
                    array.Add(json);
                    map.Items.Add(itemMap);
                }
                return (array, map);
            }
            case MappingNode mapping:
                return ConvertMapping(mapping, key, depth);
            default:
                throw new YamlSyntaxException(node.Start, "unsupported YAML node");
        }
    }

    private (JsonNode? Json, SourceMap Map) ConvertMapping(MappingNode mapping, SourcePosition? key, int depth)
    {
        var json = new JsonObject();
        var map = new SourceMap(mapping.Start, key) { Properties = new(StringComparer.Ordinal) };
        var merges = new List<MappingNode>();
        foreach (var (entryKey, value) in mapping.Entries)
        {
            if (entryKey is { Plain: true, Value: "<<" })
            {
                merges.AddRange(MergeSources(value));
                continue;
            }
            var (child, childMap) = ConvertNode(value, entryKey.Start, depth + 1);
            json[entryKey.Value] = child;
            map.Properties[entryKey.Value] = childMap;
        }
        // Keys written in the mapping itself win over merged ones; earlier merge sources win over later ones.
        foreach (var source in merges)
        {
            foreach (var (entryKey, value) in source.Entries)
            {
                if (entryKey is { Plain: true, Value: "<<" } || json.ContainsKey(entryKey.Value))
                {
                    continue;
                }
                var (child, childMap) = ConvertNode(value, entryKey.Start, depth + 1);
                json[entryKey.Value] = child;
                map.Properties[entryKey.Value] = childMap;
            }
        }
        return (json, map);
    }

    private static IEnumerable<MappingNode> MergeSources(ManifestNode value) => value switch
    {
        MappingNode mapping => [mapping],
        SequenceNode sequence when sequence.Items.All(i => i is MappingNode) => sequence.Items.Cast<MappingNode>(),
        _ => throw new YamlSyntaxException(value.Start, "a merge key (<<) needs a map or a list of maps"),
    };
}
