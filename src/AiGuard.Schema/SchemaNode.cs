using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiGuard.Schema;

/// <summary>One compiled node of an openAPIV3Schema: the keywords the API server enforces for structural schemas.</summary>
internal sealed class SchemaNode
{
    public string? Type { get; private init; }

    public Dictionary<string, SchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public SchemaNode? Items { get; private set; }

    /// <summary>The schema of properties not listed (a map's values); null when unknown properties are not allowed.</summary>
    public SchemaNode? AdditionalProperties { get; private set; }

    /// <summary><c>additionalProperties: true</c>: unknown properties are kept and not validated.</summary>
    public bool AllowsAnyProperty { get; private set; }

    public List<string> Required { get; } = [];

    public JsonArray? Enum { get; private init; }

    public Regex? Pattern { get; private set; }

    public string? PatternText { get; private init; }

    public decimal? Minimum { get; private init; }

    public decimal? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    public long? MinLength { get; private init; }

    public long? MaxLength { get; private init; }

    public long? MinItems { get; private init; }

    public long? MaxItems { get; private init; }

    public long? MinProperties { get; private init; }

    public long? MaxProperties { get; private init; }

    public string? Format { get; private init; }

    public bool Nullable { get; private init; }

    public bool IntOrString { get; private init; }

    public bool PreserveUnknownFields { get; private init; }

    public bool EmbeddedResource { get; private init; }

    public JsonNode? Default { get; private init; }

    public string? ListType { get; private init; }

    public List<string> ListMapKeys { get; } = [];

    public List<SchemaNode> AllOf { get; } = [];

    public List<SchemaNode> AnyOf { get; } = [];

    public List<SchemaNode> OneOf { get; } = [];

    public SchemaNode? Not { get; private set; }

    public List<CelRule> Rules { get; } = [];

    public bool KeepsUnknownFields => PreserveUnknownFields || AllowsAnyProperty;

    public SchemaNode? PropertySchema(string name) =>
        Properties.TryGetValue(name, out var schema) ? schema : AdditionalProperties;

    public static SchemaNode Parse(JsonObject json, string path, List<SkippedRule> skipped)
    {
        var node = new SchemaNode
        {
            Type = String(json, "type"),
            Enum = json["enum"] as JsonArray,
            PatternText = String(json, "pattern"),
            Minimum = Decimal(json, "minimum"),
            Maximum = Decimal(json, "maximum"),
            ExclusiveMinimum = Bool(json, "exclusiveMinimum"),
            ExclusiveMaximum = Bool(json, "exclusiveMaximum"),
            MinLength = Long(json, "minLength"),
            MaxLength = Long(json, "maxLength"),
            MinItems = Long(json, "minItems"),
            MaxItems = Long(json, "maxItems"),
            MinProperties = Long(json, "minProperties"),
            MaxProperties = Long(json, "maxProperties"),
            Format = String(json, "format"),
            Nullable = Bool(json, "nullable"),
            IntOrString = Bool(json, "x-kubernetes-int-or-string"),
            PreserveUnknownFields = Bool(json, "x-kubernetes-preserve-unknown-fields"),
            EmbeddedResource = Bool(json, "x-kubernetes-embedded-resource"),
            Default = json["default"]?.DeepClone(),
            ListType = String(json, "x-kubernetes-list-type"),
        };

        if (node.PatternText is not null)
        {
            try
            {
                node.Pattern = Re2Pattern.Compile(node.PatternText);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                skipped.Add(new SkippedRule(path, "pattern: " + node.PatternText, ".NET cannot compile the pattern: " + e.Message));
            }
        }

        if (json["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value is JsonObject property)
                {
                    node.Properties[name] = Parse(property, Join(path, name), skipped);
                }
            }
        }

        if (json["items"] is JsonObject items)
        {
            node.Items = Parse(items, path + "[*]", skipped);
        }

        switch (json["additionalProperties"])
        {
            case JsonObject additional:
                node.AdditionalProperties = Parse(additional, path + "[*]", skipped);
                break;
            case JsonValue allowed when allowed.GetValueKind() == JsonValueKind.True:
                node.AllowsAnyProperty = true;
                break;
        }

        node.Required.AddRange(Strings(json["required"]));
        node.ListMapKeys.AddRange(Strings(json["x-kubernetes-list-map-keys"]));
        AddAll(node.AllOf, json["allOf"], path, skipped);
        AddAll(node.AnyOf, json["anyOf"], path, skipped);
        AddAll(node.OneOf, json["oneOf"], path, skipped);
        if (json["not"] is JsonObject not)
        {
            node.Not = Parse(not, path, skipped);
        }

        if (json["x-kubernetes-validations"] is JsonArray validations)
        {
            foreach (var validation in validations.OfType<JsonObject>())
            {
                var rule = CelRule.Compile(validation, path, skipped);
                if (rule is not null)
                {
                    node.Rules.Add(rule);
                }
            }
        }

        return node;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static void AddAll(List<SchemaNode> target, JsonNode? list, string path, List<SkippedRule> skipped)
    {
        if (list is JsonArray array)
        {
            target.AddRange(array.OfType<JsonObject>().Select(item => Parse(item, path, skipped)));
        }
    }

    private static IEnumerable<string> Strings(JsonNode? list) =>
        list is JsonArray array ? array.Select(item => String(item)).OfType<string>() : [];

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? String(JsonObject json, string name) => String(json[name]);

    private static bool Bool(JsonObject json, string name) => json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static decimal? Decimal(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static long? Long(JsonObject json, string name) => Decimal(json, name) is { } number ? (long)number : null;
}
