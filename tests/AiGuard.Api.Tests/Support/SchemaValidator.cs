using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace AiGuard.Api.Tests.Support;

/// <summary>
/// SchemaValidator checks a manifest (as parsed by <see cref="YamlDocuments"/>) against a CRD's openAPIV3 schema the
/// way the API server does for the keywords the generator emits: types, unknown fields (which the server would prune
/// silently, so here they are errors), required, enum, pattern, lengths, ranges, item and property counts, date-time,
/// int-or-string, list-map keys and x-kubernetes-validations (CEL). Errors name the field path.
/// </summary>
internal static class SchemaValidator
{
    public static List<string> Validate(JsonNode? value, V1JSONSchemaProps schema)
    {
        var errors = new List<string>();
        Check(value, schema, "", errors);
        return errors;
    }

    private static void Check(JsonNode? value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        var where = path.Length == 0 ? "<root>" : path;
        if (value is null)
        {
            errors.Add($"{where}: must not be null");
            return;
        }

        if (schema.XKubernetesIntOrString == true)
        {
            CheckIntOrString(value, schema, where, errors);
        }
        else
        {
            var countBefore = errors.Count;
            switch (schema.Type)
            {
                case "object": CheckObject(value, schema, path, errors); break;
                case "array": CheckArray(value, schema, path, errors); break;
                case "string": CheckString(value, schema, where, errors); break;
                case "integer": CheckInteger(value, schema, where, errors); break;
                case "number": CheckNumber(value, where, errors); break;
                case "boolean":
                    if (Kind(value) is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        errors.Add($"{where}: must be a boolean");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"{where}: schema node without a type");
            }

            if (errors.Count > countBefore)
            {
                return; // as the API server: CEL rules run only on values that pass the schema
            }
        }

        foreach (var rule in schema.XKubernetesValidations ?? [])
        {
            if (!CelRules.Holds(rule.Rule, value))
            {
                errors.Add($"{where}: {rule.Message}");
            }
        }
    }

    private static void CheckObject(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        var where = path.Length == 0 ? "<root>" : path;
        if (value is not JsonObject obj)
        {
            errors.Add($"{where}: must be an object");
            return;
        }

        foreach (var name in schema.Required ?? [])
        {
            if (!obj.ContainsKey(name))
            {
                errors.Add($"{Join(path, name)}: Required value");
            }
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add($"{where}: must have at least {min} properties");
        }

        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            errors.Add($"{where}: must have at most {max} properties");
        }

        if (schema.Properties is { } properties)
        {
            foreach (var (name, child) in obj)
            {
                if (properties.TryGetValue(name, out var childSchema))
                {
                    Check(child, childSchema, Join(path, name), errors);
                }
                else if (schema.XKubernetesPreserveUnknownFields != true)
                {
                    errors.Add($"{Join(path, name)}: unknown field (the API server would prune it)");
                }
            }
        }
        else if (schema.AdditionalProperties is V1JSONSchemaProps valueSchema)
        {
            foreach (var (name, child) in obj)
            {
                Check(child, valueSchema, Join(path, name), errors);
            }
        }

        // An object with neither properties nor additionalProperties is metadata: the API server validates it.
    }

    private static void CheckArray(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        if (value is not JsonArray array)
        {
            errors.Add($"{path}: must be a list");
            return;
        }

        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add($"{path}: must have at least {min} items");
        }

        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add($"{path}: must have at most {max} items");
        }

        var items = (V1JSONSchemaProps)schema.Items;
        for (var i = 0; i < array.Count; i++)
        {
            Check(array[i], items, $"{path}[{i}]", errors);
        }

        if (schema.XKubernetesListType == "map")
        {
            var keys = array.OfType<JsonObject>()
                .Select(item => string.Join("/", schema.XKubernetesListMapKeys.Select(k => item[k]?.ToJsonString())))
                .ToList();
            foreach (var duplicate in keys.GroupBy(k => k).Where(g => g.Count() > 1))
            {
                errors.Add($"{path}: Duplicate value: {duplicate.Key}");
            }
        }
    }

    private static void CheckString(JsonNode value, V1JSONSchemaProps schema, string where, List<string> errors)
    {
        if (Kind(value) != JsonValueKind.String)
        {
            errors.Add($"{where}: must be a string");
            return;
        }

        var text = value.GetValue<string>();
        if (schema.EnumProperty is { } allowed && !allowed.Cast<string>().Contains(text))
        {
            errors.Add($"{where}: Unsupported value \"{text}\": supported values: {string.Join(", ", allowed)}");
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern))
        {
            errors.Add($"{where}: \"{text}\" must match {pattern}");
        }

        if (schema.MinLength is { } min && text.Length < min)
        {
            errors.Add($"{where}: must be at least {min} characters");
        }

        if (schema.MaxLength is { } max && text.Length > max)
        {
            errors.Add($"{where}: must be at most {max} characters");
        }

        if (schema.Format == "date-time"
            && !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{where}: \"{text}\" must be an RFC 3339 date-time");
        }
    }

    private static void CheckInteger(JsonNode value, V1JSONSchemaProps schema, string where, List<string> errors)
    {
        if (Kind(value) != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out var number))
        {
            errors.Add($"{where}: must be an integer");
            return;
        }

        if (schema.Minimum is { } min && number < min)
        {
            errors.Add($"{where}: must be greater than or equal to {min}");
        }

        if (schema.Maximum is { } max && number > max)
        {
            errors.Add($"{where}: must be less than or equal to {max}");
        }
    }

    private static void CheckNumber(JsonNode value, string where, List<string> errors)
    {
        if (Kind(value) != JsonValueKind.Number)
        {
            errors.Add($"{where}: must be a number");
        }
    }

    private static void CheckIntOrString(JsonNode value, V1JSONSchemaProps schema, string where, List<string> errors)
    {
        switch (Kind(value))
        {
            case JsonValueKind.Number when value.AsValue().TryGetValue<long>(out _):
                break;
            case JsonValueKind.String:
                if (schema.Pattern is { } pattern && !Regex.IsMatch(value.GetValue<string>(), pattern))
                {
                    errors.Add($"{where}: \"{value.GetValue<string>()}\" must match {pattern}");
                }

                break;
            default:
                errors.Add($"{where}: must be an integer or a string");
                break;
        }
    }

    private static JsonValueKind Kind(JsonNode value) => value.GetValueKind();

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
