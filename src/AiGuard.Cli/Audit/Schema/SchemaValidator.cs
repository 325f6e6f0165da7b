using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiGuard.Api.Schema;

namespace AiGuard.Cli.Audit.Schema;

/// <summary>
/// SchemaValidator checks a JSON object against an API type the way the API server checks it against the CRD's
/// OpenAPI schema: JSON types, unknown fields (kubectl's strict field validation), required fields and the
/// enum, pattern, range, length and item limits declared on the API types. Null-valued properties are removed
/// first, as the API server prunes them. CEL rules are the engine's job (Assessment.SpecErrors).
/// </summary>
public static class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, Regex> Regexes = new(StringComparer.Ordinal);
    private static readonly MethodInfo Deserialize = typeof(k8s.KubernetesJson).GetMethods()
        .Single(m => m.Name == nameof(k8s.KubernetesJson.Deserialize) && m.GetParameters()[0].ParameterType == typeof(JsonNode));

    /// <summary>Every violation of <paramref name="json"/> against <paramref name="type"/>, in document order.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(JsonNode? json, Type type)
    {
        var violations = new List<SchemaViolation>();
        Check(json, type, FieldPath.Root, violations);
        return violations;
    }

    private static void Check(JsonNode? json, Type type, FieldPath path, List<SchemaViolation> violations)
    {
        var shape = TypeShape.Of(type);
        switch (shape.Kind)
        {
            case ShapeKind.Any:
                return;
            case ShapeKind.String:
                Expect(json, JsonValueKind.String, "a string", path, violations);
                return;
            case ShapeKind.Boolean:
                if (json?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    violations.Add(new(path, $"expected true or false, got {Describe(json)}"));
                }
                return;
            case ShapeKind.Number:
                Expect(json, JsonValueKind.Number, "a number", path, violations);
                return;
            case ShapeKind.Integer:
                CheckInteger(json, shape, path, violations);
                return;
            case ShapeKind.Converted:
                CheckConverted(json, shape.Type, path, violations);
                return;
            case ShapeKind.List:
                if (json is not JsonArray array)
                {
                    violations.Add(new(path, $"expected a list, got {Describe(json)}"));
                    return;
                }
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], shape.ElementType!, path.Item(i), violations);
                }
                return;
            case ShapeKind.Map:
                if (json is not JsonObject map)
                {
                    violations.Add(new(path, $"expected a map, got {Describe(json)}"));
                    return;
                }
                foreach (var (key, value) in map)
                {
                    Check(value, shape.ElementType!, path.Property(key), violations);
                }
                return;
            case ShapeKind.Object:
                CheckObject(json, shape, path, violations);
                return;
        }
    }

    private static void CheckObject(JsonNode? json, TypeShape shape, FieldPath path, List<SchemaViolation> violations)
    {
        if (json is not JsonObject obj)
        {
            violations.Add(new(path, $"expected a map, got {Describe(json)}"));
            return;
        }
        foreach (var nullProperty in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(nullProperty);
        }
        foreach (var (key, value) in obj)
        {
            if (!shape.Properties.TryGetValue(key, out var property))
            {
                violations.Add(new(path.Property(key), $"unknown field{Suggest(key, shape.Properties.Keys)}", AtKey: true));
                continue;
            }
            var before = violations.Count;
            Check(value, property.PropertyType, path.Property(key), violations);
            if (violations.Count == before)
            {
                CheckLimits(value!, property, path.Property(key), violations);
            }
        }
        foreach (var (name, property) in shape.Properties)
        {
            if (!obj.ContainsKey(name) && property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                violations.Add(new(path.Property(name), "required field is missing"));
            }
        }
    }

    private static void CheckLimits(JsonNode value, PropertyInfo property, FieldPath path, List<SchemaViolation> violations)
    {
        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } allowed && value is JsonValue
            && !allowed.Values.Contains(value.GetValue<string>()))
        {
            violations.Add(new(path, $"must be one of {string.Join(", ", allowed.Values)}; got {Describe(value)}", Structural: false));
        }
        if (property.GetCustomAttribute<ValueRangeAttribute>() is { } range && value is JsonValue
            && value.GetValueKind() == JsonValueKind.Number)
        {
            var number = NumberOf(value);
            if (number is null || number < range.Minimum || number > range.Maximum)
            {
                violations.Add(new(path, $"must be between {range.Minimum} and {range.Maximum}; got {Describe(value)}", Structural: false));
            }
        }
        if (property.GetCustomAttribute<StringLengthLimitsAttribute>() is { } length && value is JsonValue
            && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (length.MinLength >= 0 && text.Length < length.MinLength)
            {
                violations.Add(new(path, $"must be at least {length.MinLength} characters; got {text.Length}", Structural: false));
            }
            if (length.MaxLength >= 0 && text.Length > length.MaxLength)
            {
                violations.Add(new(path, $"must be at most {length.MaxLength} characters; got {text.Length}", Structural: false));
            }
        }
        if (property.GetCustomAttribute<ItemLimitsAttribute>() is { } items && value is JsonArray array)
        {
            if (items.MinItems >= 0 && array.Count < items.MinItems)
            {
                violations.Add(new(path, $"needs at least {items.MinItems} item{(items.MinItems == 1 ? "" : "s")}", Structural: false));
            }
            if (items.MaxItems >= 0 && array.Count > items.MaxItems)
            {
                violations.Add(new(path, $"may have at most {items.MaxItems} items; got {array.Count}", Structural: false));
            }
        }
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            var regex = Regexes.GetOrAdd(pattern.Pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            var values = value is JsonArray list
                ? list.Select((v, i) => (Value: v, Path: path.Item(i)))
                : [(Value: (JsonNode?)value, Path: path)];
            foreach (var (item, itemPath) in values)
            {
                if (item?.GetValueKind() == JsonValueKind.String && !regex.IsMatch(item.GetValue<string>()))
                {
                    violations.Add(new(itemPath, $"must match {pattern.Pattern}; got {Describe(item)}", Structural: false));
                }
            }
        }
    }

    private static void CheckInteger(JsonNode? json, TypeShape shape, FieldPath path, List<SchemaViolation> violations)
    {
        if (json?.GetValueKind() != JsonValueKind.Number)
        {
            violations.Add(new(path, $"expected an integer, got {Describe(json)}"));
            return;
        }
        var number = NumberOf(json);
        if (number is { } whole && decimal.Truncate(whole) != whole)
        {
            violations.Add(new(path, $"expected an integer, got {Describe(json)}"));
        }
        else if (number is not { } value || value < shape.IntegerRange.Min || value > shape.IntegerRange.Max)
        {
            violations.Add(new(path, $"integer {Describe(json)} is out of range"));
        }
    }

    // Read through the JSON text: a JsonValue only converts to the CLR type it was created with.
    private static decimal? NumberOf(JsonNode json) =>
        decimal.TryParse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static void CheckConverted(JsonNode? json, Type type, FieldPath path, List<SchemaViolation> violations)
    {
        var expected = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (json is null)
            {
                throw new FormatException("null");
            }
            Deserialize.MakeGenericMethod(expected).Invoke(null, [json, null]);
        }
        catch (Exception e) when (e is TargetInvocationException or FormatException)
        {
            violations.Add(new(path, $"expected {ConvertedName(expected)}, got {Describe(json)}"));
        }
    }

    private static string ConvertedName(Type type) => type.Name switch
    {
        "ResourceQuantity" => "a quantity such as 16Gi, 500m or 2",
        "IntOrString" => "an integer or a string",
        nameof(DateTime) or nameof(DateTimeOffset) => "an RFC 3339 time such as 2026-12-10T00:00:00Z",
        _ => "a " + type.Name,
    };

    private static void Expect(JsonNode? json, JsonValueKind kind, string expected, FieldPath path, List<SchemaViolation> violations)
    {
        if (json?.GetValueKind() != kind)
        {
            var hint = kind == JsonValueKind.String && json is JsonValue ? " (quote the value)" : "";
            violations.Add(new(path, $"expected {expected}, got {Describe(json)}{hint}"));
        }
    }

    /// <summary>A short description of a JSON value for messages; long strings are cut.</summary>
    public static string Describe(JsonNode? json) => json?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "a map",
        JsonValueKind.Array => "a list",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => "number " + json.ToJsonString(),
        _ => "string " + Quote(json.GetValue<string>()),
    };

    private static string Quote(string text) =>
        JsonSerializer.Serialize(text.Length > 60 ? text[..57] + "..." : text, JsonOptions.Relaxed);

    private static string Suggest(string key, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Name: k, Distance: EditDistance(key.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, key.Length / 3)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
        return best is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (did you mean \"{best}\"?)");
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
