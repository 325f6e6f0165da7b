using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The chart's README, values.schema.json and Chart.yaml say what values.yaml holds: an admin reading any of them
/// learns every value, and Artifact Hub shows the right license, CRDs and image.
/// </summary>
public sealed partial class ChartDocumentationTests
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    private static string Chart => InstallManifests.Chart;

    [Fact]
    public void Readme_documents_every_value_in_values_yaml_and_nothing_else()
    {
        var documented = ReadmeRows();
        var values = ValuesYaml();

        var missing = Leaves(values, "").Where(path => !IsDocumented(path, documented)).ToList();
        var stale = documented.Keys.Where(path => Lookup(values, path) is null).ToList();

        Assert.True(missing.Count == 0, "values.yaml keys missing from charts/aiguard-operator/README.md: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "README.md documents keys values.yaml does not have: " + string.Join(", ", stale));
        Assert.All(documented, row => Assert.True(row.Value.Description.Length > 0, $"README.md row {row.Key} has no description"));
    }

    [Fact]
    public void Schema_describes_exactly_the_values_in_values_yaml()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Chart, "values.schema.json")))!;
        var values = ValuesYaml();

        var undescribed = Leaves(values, "").Where(path => SchemaFor(schema, path) is null).ToList();

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        Assert.False((bool)schema["additionalProperties"]!);
        Assert.True(undescribed.Count == 0, "values.yaml keys values.schema.json does not describe: " + string.Join(", ", undescribed));
        var undefaulted = schema["properties"]!.AsObject().Select(p => p.Key).Where(k => k != "global" && !values.ContainsKey(k)).ToList();
        Assert.True(undefaulted.Count == 0, "values.schema.json properties without a default in values.yaml: " + string.Join(", ", undefaulted));
    }

    [Fact]
    public void Chart_yaml_carries_the_metadata_and_artifact_hub_annotations_admins_look_for()
    {
        var chart = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(RenderedChart.WithStringKeys(Yaml.Deserialize<object>(File.ReadAllText(Path.Combine(Chart, "Chart.yaml"))))))!;
        var annotations = chart["annotations"]!;

        foreach (var field in new[] { "home", "icon", "kubeVersion", "description" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)chart[field]), $"Chart.yaml has no {field}");
        }

        Assert.NotEmpty(chart["sources"]!.AsArray());
        Assert.NotEmpty(chart["keywords"]!.AsArray());
        Assert.NotEmpty(chart["maintainers"]!.AsArray());
        Assert.Equal("Apache-2.0", (string?)annotations["artifacthub.io/license"]);
        Assert.Contains((string?)annotations["artifacthub.io/containsSecurityUpdates"], new[] { "true", "false" });
        var crds = AnnotationList(annotations, "artifacthub.io/crds").Select(c => (string?)c["name"]).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(Chart, "crds"), "*.yaml").Select(f => (string?)RenderedChart.ParseDocuments(File.ReadAllText(f)).Single()["metadata"]!["name"]);
        Assert.Equal(files.Order(StringComparer.Ordinal), crds);
        Assert.All(AnnotationList(annotations, "artifacthub.io/crdsExamples"), e => Assert.StartsWith("aiguard.io/", (string?)e["apiVersion"], StringComparison.Ordinal));
        Assert.All(AnnotationList(annotations, "artifacthub.io/changes"), c => Assert.Contains((string?)c["kind"], new[] { "added", "changed", "deprecated", "removed", "fixed", "security" }));
        Assert.All(AnnotationList(annotations, "artifacthub.io/links"), l => Assert.StartsWith("https://", (string?)l["url"], StringComparison.Ordinal));
        // The image Artifact Hub scans is the one the chart installs by default.
        var values = ValuesYaml();
        var image = (Dictionary<string, object?>)values["image"]!;
        Assert.Equal($"{image["repository"]}:{chart["appVersion"]}", (string?)Assert.Single(AnnotationList(annotations, "artifacthub.io/images"))["image"]);
    }

    private static Dictionary<string, object?> ValuesYaml() =>
        (Dictionary<string, object?>)RenderedChart.WithStringKeys(Yaml.Deserialize<object>(File.ReadAllText(Path.Combine(Chart, "values.yaml"))))!;

    // Value paths down to the leaves; an empty map ({}) or a list is one value.
    private static IEnumerable<string> Leaves(Dictionary<string, object?> map, string prefix) =>
        map.SelectMany(e => e.Value is Dictionary<string, object?> { Count: > 0 } child
            ? Leaves(child, prefix + e.Key + ".").Prepend(prefix + e.Key + ".")
            : [prefix + e.Key])
        .Where(path => !path.EndsWith('.'));

    private static object? Lookup(Dictionary<string, object?> values, string path)
    {
        object? current = values;
        foreach (var key in path.Split('.'))
        {
            current = current is Dictionary<string, object?> map && map.TryGetValue(key, out var next) ? next ?? "" : null;
        }

        return current;
    }

    // A leaf is documented by its own row, or by an "object" row of a map documented as a whole (resources...).
    private static bool IsDocumented(string path, Dictionary<string, (string Type, string Description)> rows) =>
        rows.ContainsKey(path) || rows.Any(r => r.Value.Type == "object" && path.StartsWith(r.Key + ".", StringComparison.Ordinal));

    private static JsonNode? SchemaFor(JsonNode schema, string path)
    {
        JsonNode? current = schema;
        foreach (var key in path.Split('.'))
        {
            // A map of free keys (resources.requests) is described by its additionalProperties schema.
            current = current?["properties"]?[key] ?? current?["additionalProperties"] as JsonObject;
        }

        return current;
    }

    private static Dictionary<string, (string Type, string Description)> ReadmeRows() =>
        File.ReadAllLines(Path.Combine(Chart, "README.md"))
            .Select(line => ValueRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["path"].Value, m => (m.Groups["type"].Value, m.Groups["description"].Value.Trim()));

    private static List<JsonNode> AnnotationList(JsonNode annotations, string name)
    {
        var text = (string?)annotations[name];
        Assert.False(string.IsNullOrWhiteSpace(text), $"Chart.yaml has no {name} annotation");
        var parsed = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(RenderedChart.WithStringKeys(Yaml.Deserialize<object>(text))))!;
        return [.. parsed.AsArray().Select(n => n!)];
    }

    [GeneratedRegex(@"^\| `(?<path>[A-Za-z0-9.]+)` \| (?<type>string|int|bool|list|object) \| [^|]+ \| (?<description>.*) \|$")]
    private static partial Regex ValueRow();
}
