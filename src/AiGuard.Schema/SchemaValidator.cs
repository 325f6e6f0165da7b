using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cel;

namespace AiGuard.Schema;

/// <summary>
/// Walks a value against a compiled schema and collects <see cref="FieldError"/>s in the API server's wording.
/// CEL rules run after the walk, and only when no error blocks them, as apiextensions-apiserver's hasBlockingErr
/// decides: a wrong type, a missing required field, an unsupported enum value, or a value too long or with too many
/// items stops every rule (the object's shape is not what the rules were written for) and adds one error saying so.
/// </summary>
internal sealed class SchemaValidator(Action<SkippedRule> skip, bool schemaHasRules)
{
    // kube-openapi's maxJSONFloat: the largest float64 it takes for an integer (2^53 - 1).
    private const double MaxFloatInteger = 9_007_199_254_740_991;

    /// <summary>The API server's error when a blocking error kept the CEL rules from running.</summary>
    public static readonly FieldError RulesNotChecked = new(
        "<nil>",
        "FieldValueInvalid",
        "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");

    private readonly List<FieldError> errors = [];
    private readonly List<PendingRules> pending = [];

    public List<FieldError> Validate(JsonNode? value, JsonNode? oldValue, SchemaNode schema)
    {
        Walk(value, oldValue, hasOld: oldValue is not null, schema, string.Empty, runRules: true);
        // Like the API server, which says so whenever the CRD has rules at all, whether or not this object reaches one.
        if (schemaHasRules && errors.Exists(IsBlocking))
        {
            errors.Add(RulesNotChecked);
            return errors;
        }

        foreach (var rules in pending)
        {
            RunRules(rules.Value, rules.OldValue, rules.HasOld, rules.Schema, rules.Path);
        }

        return errors;
    }

    private static bool IsBlocking(FieldError error) =>
        error.Type is "FieldValueNotSupported" or "FieldValueRequired" or "FieldValueTooLong" or "FieldValueTooMany" or "FieldValueTypeInvalid";

    /// <summary>True when the value satisfies the schema (structure only; used for allOf/anyOf/oneOf/not).</summary>
    private static bool Satisfies(JsonNode? value, SchemaNode schema, string path)
    {
        var probe = new SchemaValidator(_ => { }, schemaHasRules: false);
        probe.Walk(value, null, hasOld: false, schema, path, runRules: false);
        return probe.errors.Count == 0;
    }

    private void Walk(JsonNode? value, JsonNode? oldValue, bool hasOld, SchemaNode schema, string path, bool runRules)
    {
        if (value is null)
        {
            if (!schema.Nullable && schema.Type is not null)
            {
                Add(path, "FieldValueTypeInvalid", $"Invalid value: \"null\": {Describe(path)} in body must be of type {schema.Type}: \"null\"");
            }

            return;
        }

        if (!CheckType(value, schema, path))
        {
            return;
        }

        CheckEnum(value, schema, path);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, oldValue as JsonObject, hasOld, schema, path, runRules);
                break;
            case JsonArray array:
                CheckArray(array, oldValue as JsonArray, schema, path, runRules);
                break;
            default:
                CheckScalar(value.AsValue(), schema, path);
                break;
        }

        CheckCombinators(value, schema, path);
        if (runRules && schema.Rules.Count > 0)
        {
            pending.Add(new PendingRules(value, oldValue, hasOld, schema, path));
        }
    }

    private bool CheckType(JsonNode value, SchemaNode schema, string path)
    {
        var kind = value.GetValueKind();
        var ok = schema.Type switch
        {
            _ when schema.IntOrString => kind == JsonValueKind.String || IsInteger(value),
            null => true,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number" => kind == JsonValueKind.Number,
            "integer" => IsInteger(value),
            _ => true,
        };
        if (!ok)
        {
            var expected = schema.IntOrString ? "integer,string" : schema.Type;
            Add(path, "FieldValueTypeInvalid", $"Invalid value: \"{JsonTypeName(kind)}\": {Describe(path)} in body must be of type {expected}: \"{JsonTypeName(kind)}\"");
        }

        return ok;
    }

    private void CheckEnum(JsonNode value, SchemaNode schema, string path)
    {
        if (schema.Enum is { Count: > 0 } allowed && !allowed.Any(option => JsonSemantics.AreEqual(option, value)))
        {
            Add(path, "FieldValueNotSupported", $"Unsupported value: {value.ToJsonString()}: supported values: {string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"))}");
        }
    }

    private void CheckObject(JsonObject obj, JsonObject? old, bool hasOld, SchemaNode schema, string path, bool runRules)
    {
        foreach (var required in schema.Required.Where(r => !obj.ContainsKey(r)))
        {
            Add(SchemaNode.Join(path, required), "FieldValueRequired", "Required value");
        }

        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            Add(path, "FieldValueTooMany", $"Too many: {obj.Count}: must have at most {max} items");
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {obj.Count}: {Describe(path)} in body should have at least {min} properties");
        }

        foreach (var (name, child) in obj)
        {
            if (schema.Properties.TryGetValue(name, out var property))
            {
                var childHasOld = hasOld && old is not null && old.ContainsKey(name);
                Walk(child, childHasOld ? old![name] : null, childHasOld, property, SchemaNode.Join(path, name), runRules);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                var childHasOld = hasOld && old is not null && old.ContainsKey(name);
                Walk(child, childHasOld ? old![name] : null, childHasOld, additional, $"{path}[{name}]", runRules);
            }
        }
    }

    private void CheckArray(JsonArray array, JsonArray? old, SchemaNode schema, string path, bool runRules)
    {
        if (schema.MaxItems is { } max && array.Count > max)
        {
            Add(path, "FieldValueTooMany", $"Too many: {array.Count}: must have at most {max} items");
        }

        if (schema.MinItems is { } min && array.Count < min)
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {array.Count}: {Describe(path)} in body should have at least {min} items");
        }

        CheckUniqueness(array, schema, path);
        if (schema.Items is null)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            // Old list items correlate only by map keys (x-kubernetes-list-type: map), as in the API server.
            var oldItem = CorrelatedItem(array[i], old, schema);
            Walk(array[i], oldItem, oldItem is not null, schema.Items, $"{path}[{i}]", runRules);
        }
    }

    private void CheckUniqueness(JsonArray array, SchemaNode schema, string path)
    {
        if (schema.ListType is not ("set" or "map"))
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var duplicate = schema.ListType == "set"
                    ? JsonSemantics.AreEqual(array[i], array[j])
                    : schema.ListMapKeys.Count > 0 && schema.ListMapKeys.All(k => JsonSemantics.AreEqual(array[i]?[k], array[j]?[k]));
                if (duplicate)
                {
                    Add($"{path}[{i}]", "FieldValueDuplicate", $"Duplicate value: {array[i]?.ToJsonString() ?? "null"}");
                    break;
                }
            }
        }
    }

    private static JsonNode? CorrelatedItem(JsonNode? item, JsonArray? old, SchemaNode schema)
    {
        if (old is null || schema.ListType != "map" || schema.ListMapKeys.Count == 0 || item is not JsonObject)
        {
            return null;
        }

        return old.FirstOrDefault(o => o is JsonObject && schema.ListMapKeys.All(k => JsonSemantics.AreEqual(o[k], item[k])));
    }

    private void CheckScalar(JsonValue value, SchemaNode schema, string path)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                CheckString(value.GetValue<string>(), schema, path);
                break;
            case JsonValueKind.Number:
                CheckNumber(value, schema, path);
                break;
        }
    }

    private void CheckString(string text, SchemaNode schema, string path)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && length > max)
        {
            Add(path, "FieldValueTooLong", $"Too long: may not be more than {max} bytes");
        }

        if (schema.MinLength is { } min && length < min)
        {
            Add(path, "FieldValueInvalid", $"Invalid value: \"{text}\": {Describe(path)} in body should be at least {min} chars long");
        }

        if (schema.Pattern is { } pattern)
        {
            try
            {
                if (!pattern.IsMatch(text))
                {
                    Add(path, "FieldValueInvalid", $"Invalid value: \"{text}\": {Describe(path)} in body should match '{schema.PatternText}'");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                skip(new SkippedRule(path, "pattern: " + schema.PatternText, "matching timed out"));
            }
        }

        if (schema.Format == "date-time" && !DateTimeFormat.IsDateTime(text))
        {
            Add(path, "FieldValueInvalid", $"Invalid value: \"{text}\": {Describe(path)} in body must be of type date-time: \"{text}\"");
        }
    }

    private void CheckNumber(JsonValue value, SchemaNode schema, string path)
    {
        if (!decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return;
        }

        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {Describe(path)} in body should be greater than {(schema.ExclusiveMinimum ? "" : "or equal to ")}{min}");
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {Describe(path)} in body should be less than {(schema.ExclusiveMaximum ? "" : "or equal to ")}{max}");
        }
    }

    private void CheckCombinators(JsonNode value, SchemaNode schema, string path)
    {
        foreach (var part in schema.AllOf)
        {
            Walk(value, null, false, part, path, runRules: false);
        }

        if (schema.AnyOf.Count > 0 && !schema.AnyOf.Any(part => Satisfies(value, part, path)))
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {Describe(path)} in body must match at least one schema in anyOf");
        }

        if (schema.OneOf.Count > 0 && schema.OneOf.Count(part => Satisfies(value, part, path)) != 1)
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {Describe(path)} in body must match exactly one schema in oneOf");
        }

        if (schema.Not is { } not && Satisfies(value, not, path))
        {
            Add(path, "FieldValueInvalid", $"Invalid value: {value.ToJsonString()}: {Describe(path)} in body must not match the schema in not");
        }
    }

    private void RunRules(JsonNode value, JsonNode? oldValue, bool hasOld, SchemaNode schema, string path)
    {
        if (schema.Rules.Count == 0)
        {
            return;
        }

        var self = CelValues.From(value, schema);
        var oldSelf = hasOld ? CelValues.From(oldValue, schema) : null;
        foreach (var rule in schema.Rules)
        {
            if (rule.IsTransitionRule && !hasOld)
            {
                continue; // transition rules apply to updates only; on create there is nothing to compare
            }

            var errorPath = rule.FieldPath is null ? path : path + NormalizeFieldPath(rule.FieldPath);
            try
            {
                switch (rule.Evaluate(self, oldSelf, hasOld))
                {
                    case true:
                        break;
                    case false:
                        Add(errorPath, rule.Reason, RuleMessage(rule, value));
                        break;
                    default:
                        skip(new SkippedRule(path, rule.Expression, "the rule did not evaluate to a bool"));
                        break;
                }
            }
            catch (Exception e) when (IsDataError(e))
            {
                // The API server reports evaluation errors caused by the data (missing key, bad index) as Invalid.
                Add(errorPath, "FieldValueInvalid", $"Invalid value: {Render(value)}: rule evaluation error: {rule.Expression}: {e.Message}");
            }
            catch (Exception e)
            {
                skip(new SkippedRule(path, rule.Expression, $"the Cel package cannot evaluate it: {e.GetType().Name}: {e.Message}"));
            }
        }
    }

    private static bool IsDataError(Exception e) =>
        e is CelNoSuchFieldException or CelArgumentRangeException or CelDivideByZeroException or CelModulusByZeroException or CelOverflowException;

    private static string RuleMessage(CelRule rule, JsonNode value)
    {
        var message = rule.Message ?? $"failed rule: {rule.Expression}";
        return rule.Reason switch
        {
            "FieldValueRequired" => "Required value: " + message,
            "FieldValueForbidden" => "Forbidden: " + message,
            "FieldValueDuplicate" => $"Duplicate value: {Render(value)}: {message}",
            _ => $"Invalid value: {Render(value)}: {message}",
        };
    }

    private static string NormalizeFieldPath(string fieldPath) =>
        fieldPath.StartsWith('.') || fieldPath.StartsWith('[') ? fieldPath : "." + fieldPath;

    private static string Render(JsonNode value) => value switch
    {
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => value.ToJsonString(),
    };

    // As the API server decides `type: integer`: a number that parses as an int64 is one (apimachinery decodes it as
    // int64); any other becomes a float64, which is an integer when it is integral and within +-(2^53 - 1)
    // (kube-openapi's IsFloat64AJSONInteger). So 1.0 and 1e3 are integers, 1e21 and 2^63 are not.
    private static bool IsInteger(JsonNode value)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = value.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && Math.Abs(number) <= MaxFloatInteger
                && number == Math.Floor(number));
    }

    private static string JsonTypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Describe(string path) => path.Length == 0 ? "<root>" : path;

    private void Add(string path, string type, string message) => errors.Add(new FieldError(path, type, message));

    /// <summary>A node whose rules run once the whole object is known to have no blocking error.</summary>
    private sealed record PendingRules(JsonNode Value, JsonNode? OldValue, bool HasOld, SchemaNode Schema, string Path);
}
