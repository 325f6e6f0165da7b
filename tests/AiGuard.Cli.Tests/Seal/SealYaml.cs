using YamlDotNet.RepresentationModel;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>SealYaml reads what <c>aiguard seal</c> wrote back with a real YAML parser.</summary>
internal static class SealYaml
{
    /// <summary>The single spec.secrets[] entry printed on stdout.</summary>
    public static YamlMappingNode Entry(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var list = Assert.IsType<YamlSequenceNode>(Assert.Single(stream.Documents).RootNode);
        return Assert.IsType<YamlMappingNode>(Assert.Single(list.Children));
    }

    /// <summary>Every document of a manifest.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>The spec.secrets[] entry named <paramref name="secret"/> of the ModelDeployment named <paramref name="model"/>.</summary>
    public static YamlMappingNode Secret(string manifest, string model, string secret)
    {
        var doc = Documents(manifest).Single(d => Text(d, "kind") == "ModelDeployment"
            && d.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata) && metadata is YamlMappingNode meta && Text(meta, "name") == model);
        var list = (YamlSequenceNode)Map(doc, "spec")["secrets"];
        return list.Children.Cast<YamlMappingNode>().Single(e => Text(e, "name") == secret);
    }

    public static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    public static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static Dictionary<string, string> SealedData(YamlMappingNode entry) =>
        Map(entry, "sealedData").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
}
