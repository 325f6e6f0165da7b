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
    /// <summary>What the API server says when a blocking error (required, enum, type, too long, too many) stops CEL.</summary>
    public const string RulesNotChecked =
        "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

    public static List<string> Validate(JsonNode? value, V1JSONSchemaProps schema)
    {
        var errors = new List<string>();
        var blocking = new List<string>();
        Check(value, schema, "", errors, blocking);
        if (blocking.Count > 0)
        {
            // As apiextensions-apiserver's hasBlockingErr: CEL only runs on objects whose shape is valid.
            errors.Add(RulesNotChecked);
        }
        else
        {
            CheckRules(value, schema, "", errors);
        }

        return errors;
    }

    private static void Check(JsonNode? value, V1JSONSchemaProps schema, string path, List<string> errors, List<string> blocking)
    {
        var where = path.Length == 0 ? "<root>" : path;
        if (value is null)
        {
            Block($"{where}: must not be null");
            return;
        }

        if (schema.XKubernetesIntOrString == true)
        {
            CheckIntOrString(value, schema, where, errors, blocking);
            return;
        }

        switch (schema.Type)
        {
            case "object": CheckObject(value, schema, path, errors, blocking); break;
            case "array": CheckArray(value, schema, path, errors, blocking); break;
            case "string": CheckString(value, schema, where, errors, blocking); break;
            case "integer": CheckInteger(value, schema, where, errors, blocking); break;
            case "number":
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    Block($"{where}: must be a number");
                }

                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Block($"{where}: must be a boolean");
                }

                break;
            default:
                throw new InvalidOperationException($"{where}: schema node without a type");
        }

        void Block(string error)
        {
            errors.Add(error);
            blocking.Add(error);
        }
    }

    private static void CheckRules(JsonNode? value, V1JSONSchemaProps schema, string path, List<string> errors)
    {
        if (value is null)
        {
            return;
        }

        foreach (var rule in schema.XKubernetesValidations ?? [])
        {
            if (!CelRules.Holds(rule.Rule, value))
            {
                errors.Add($"{(path.Length == 0 ? "<root>" : path)}: {rule.Message}");
            }
        }

        switch (value)
        {
            case JsonObject obj when schema.Properties is { } properties:
                foreach (var (name, child) in obj)
                {
                    if (properties.TryGetValue(name, out var childSchema))
                    {
                        CheckRules(child, childSchema, Join(path, name), errors);
                    }
                }

                break;
            case JsonObject obj when schema.AdditionalProperties is V1JSONSchemaProps valueSchema:
                foreach (var (name, child) in obj)
                {
                    CheckRules(child, valueSchema, Join(path, name), errors);
                }

                break;
            case JsonArray array when schema.Items is V1JSONSchemaProps items:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckRules(array[i], items, $"{path}[{i}]", errors);
                }

                break;
        }
    }

    private static void CheckObject(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors, List<string> blocking)
    {
        var where = path.Length == 0 ? "<root>" : path;
        if (value is not JsonObject obj)
        {
            Blocking(errors, blocking, $"{where}: must be an object");
            return;
        }

        foreach (var name in schema.Required ?? [])
        {
            if (!obj.ContainsKey(name))
            {
                Blocking(errors, blocking, $"{Join(path, name)}: Required value");
            }
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add($"{where}: must have at least {min} properties");
        }

        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            Blocking(errors, blocking, $"{where}: must have at most {max} properties");
        }

        if (schema.Properties is { } properties)
        {
            foreach (var (name, child) in obj)
            {
                if (properties.TryGetValue(name, out var childSchema))
                {
                    Check(child, childSchema, Join(path, name), errors, blocking);
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
                Check(child, valueSchema, Join(path, name), errors, blocking);
            }
        }

        // An object with neither properties nor additionalProperties is metadata: the API server validates it.
    }

    private static void CheckArray(JsonNode value, V1JSONSchemaProps schema, string path, List<string> errors, List<string> blocking)
    {
        if (value is not JsonArray array)
        {
            Blocking(errors, blocking, $"{path}: must be a list");
            return;
        }

        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add($"{path}: must have at least {min} items");
        }

        if (schema.MaxItems is { } max && array.Count > max)
        {
            Blocking(errors, blocking, $"{path}: must have at most {max} items");
        }

        var items = (V1JSONSchemaProps)schema.Items;
        for (var i = 0; i < array.Count; i++)
        {
            Check(array[i], items, $"{path}[{i}]", errors, blocking);
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

    private static void CheckString(JsonNode value, V1JSONSchemaProps schema, string where, List<string> errors, List<string> blocking)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            Blocking(errors, blocking, $"{where}: must be a string");
            return;
        }

        var text = value.GetValue<string>();
        if (schema.EnumProperty is { } allowed && !allowed.Cast<string>().Contains(text))
        {
            Blocking(errors, blocking, $"{where}: Unsupported value \"{text}\": supported values: {string.Join(", ", allowed)}");
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
            Blocking(errors, blocking, $"{where}: must be at most {max} characters");
        }

        if (schema.Format == "date-time"
            && !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{where}: \"{text}\" must be an RFC 3339 date-time");
        }
    }

    private static void CheckInteger(JsonNode value, V1JSONSchemaProps schema, string where, List<string> errors, List<string> blocking)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out var number))
        {
            Blocking(errors, blocking, $"{where}: must be an integer");
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

    private static void CheckIntOrString(JsonNode value, V1JSONSchemaProps schema, string where, List<string> errors, List<string> blocking)
    {
        switch (value.GetValueKind())
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
                Blocking(errors, blocking, $"{where}: must be an integer or a string");
                break;
        }
    }

    /// <summary>Records an error of a kind that stops CEL evaluation (required, enum, type, too long, too many).</summary>
    private static void Blocking(List<string> errors, List<string> blocking, string error)
    {
        errors.Add(error);
        blocking.Add(error);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
