using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;
using k8s.Models;

namespace AiGuard.Api.Crds;

/// <summary>
/// SchemaBuilder turns an API type into a structural openAPIV3 schema by reflection over its JSON properties and
/// schema attributes. Output is deterministic: properties and required names are sorted ordinally, so the same
/// types always produce byte-identical CRDs.
/// </summary>
internal static class SchemaBuilder
{
    /// <summary>Builds the schema of a root resource: apiVersion, kind, metadata (left to the API server), spec, status.</summary>
    public static V1JSONSchemaProps ForRoot(Type root)
    {
        var schema = ForObject(root, []);
        schema.Description = root.GetCustomAttribute<DescriptionAttribute>()?.Description;
        schema.Properties["apiVersion"] = new V1JSONSchemaProps
        {
            Type = "string",
            Description = "APIVersion defines the versioned schema of this representation of an object.",
        };
        schema.Properties["kind"] = new V1JSONSchemaProps
        {
            Type = "string",
            Description = "Kind is a string value representing the REST resource this object represents.",
        };
        // The API server owns ObjectMeta validation; a CRD may only say it is an object.
        schema.Properties["metadata"] = new V1JSONSchemaProps { Type = "object" };
        schema.Properties = Sorted(schema.Properties);
        return schema;
    }

    private static V1JSONSchemaProps ForObject(Type type, Stack<Type> path)
    {
        if (path.Contains(type))
        {
            throw new InvalidOperationException($"{type.Name} refers to itself; a CRD schema cannot be recursive.");
        }

        path.Push(type);
        var properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? throw new InvalidOperationException(
                    $"{type.Name}.{property.Name} has no [JsonPropertyName]; the wire name must be explicit.");
            if (property.DeclaringType == type && IsRootTypeMeta(type, jsonName))
            {
                continue; // apiVersion, kind and metadata of a root are written by ForRoot
            }

            properties[jsonName] = ForProperty(property, path);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(jsonName);
            }
        }

        path.Pop();
        var schema = new V1JSONSchemaProps { Type = "object", Properties = Sorted(properties) };
        if (required.Count > 0)
        {
            required.Sort(StringComparer.Ordinal);
            schema.Required = required;
        }

        AddValidationRules(schema, type.GetCustomAttributes<ValidationRuleAttribute>());
        return schema;
    }

    private static bool IsRootTypeMeta(Type type, string jsonName) =>
        type.GetCustomAttribute<k8s.Models.KubernetesEntityAttribute>() is not null
        && jsonName is "apiVersion" or "kind" or "metadata";

    private static V1JSONSchemaProps ForProperty(PropertyInfo property, Stack<Type> path)
    {
        var schema = ForType(property.PropertyType, path);
        var where = $"{property.DeclaringType?.Name}.{property.Name}";
        schema.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? schema.Description;

        // Scalar constraints on a list of scalars apply to every item, as PatternAttribute documents.
        var scalar = schema.Type == "array" ? (V1JSONSchemaProps)schema.Items : schema;
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            RequireType(scalar, "string", where, nameof(PatternAttribute));
            scalar.Pattern = pattern.Pattern;
        }

        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
        {
            RequireType(scalar, "string", where, nameof(EnumValuesAttribute));
            scalar.EnumProperty = values.Values.Cast<object>().ToList();
        }

        if (property.GetCustomAttribute<SchemaFormatAttribute>() is { } format)
        {
            scalar.Format = format.Format;
        }

        if (property.GetCustomAttribute<StringLengthLimitsAttribute>() is { } length)
        {
            RequireType(scalar, "string", where, nameof(StringLengthLimitsAttribute));
            scalar.MinLength = length.MinLength >= 0 ? length.MinLength : null;
            scalar.MaxLength = length.MaxLength >= 0 ? length.MaxLength : null;
        }

        if (property.GetCustomAttribute<ValueRangeAttribute>() is { } range)
        {
            RequireType(scalar, "integer", where, nameof(ValueRangeAttribute));
            scalar.Minimum = range.Minimum;
            scalar.Maximum = range.Maximum;
        }

        if (property.GetCustomAttribute<ItemLimitsAttribute>() is { } items)
        {
            ApplyItemLimits(schema, items, where);
        }

        if (property.GetCustomAttribute<DefaultValueAttribute>() is { Value: { } value })
        {
            schema.DefaultProperty = value;
        }

        AddValidationRules(schema, property.GetCustomAttributes<ValidationRuleAttribute>());
        return schema;
    }

    private static void ApplyItemLimits(V1JSONSchemaProps schema, ItemLimitsAttribute limits, string where)
    {
        long? min = limits.MinItems >= 0 ? limits.MinItems : null;
        long? max = limits.MaxItems >= 0 ? limits.MaxItems : null;
        switch (schema.Type)
        {
            case "array":
                schema.MinItems = min;
                schema.MaxItems = max;
                break;
            case "object" when schema.AdditionalProperties is not null:
                schema.MinProperties = min;
                schema.MaxProperties = max;
                break;
            default:
                throw new InvalidOperationException($"{where}: {nameof(ItemLimitsAttribute)} needs a list or a map.");
        }
    }

    private static void RequireType(V1JSONSchemaProps schema, string type, string where, string attribute)
    {
        if (schema.Type != type)
        {
            throw new InvalidOperationException(
                $"{where}: {attribute} needs a {type} (or a list of them), not {schema.Type ?? "int-or-string"}.");
        }
    }

    private static V1JSONSchemaProps ForType(Type type, Stack<Type> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (KubernetesTypeSchemas.TryGet(type, out var known))
        {
            return known;
        }

        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(double))
        {
            return new V1JSONSchemaProps { Type = "number", Format = "double" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var arguments = type.GetGenericArguments();
            if (arguments[0] != typeof(string))
            {
                throw new InvalidOperationException($"{type.Name}: JSON object keys must be strings.");
            }

            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = ForType(arguments[1], path) };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            var array = new V1JSONSchemaProps { Type = "array", Items = ForType(element, path) };
            KubernetesTypeSchemas.ApplyListSemantics(element, array);
            return array;
        }

        if (type.IsClass && type.Namespace?.StartsWith("AiGuard.Api", StringComparison.Ordinal) == true
            && !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return ForObject(type, path);
        }

        throw new NotSupportedException(
            $"{type.FullName} has no CRD schema mapping; add one to {nameof(KubernetesTypeSchemas)} or {nameof(SchemaBuilder)}.");
    }

    private static void AddValidationRules(V1JSONSchemaProps schema, IEnumerable<ValidationRuleAttribute> rules)
    {
        var list = rules
            .Select(r => new V1ValidationRule { Rule = r.Rule, Message = r.Message })
            .ToList();
        if (list.Count > 0)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. list];
        }
    }

    private static Dictionary<string, V1JSONSchemaProps> Sorted(IDictionary<string, V1JSONSchemaProps> properties) =>
        properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
