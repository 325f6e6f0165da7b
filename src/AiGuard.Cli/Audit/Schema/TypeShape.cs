using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiGuard.Cli.Audit.Schema;

/// <summary>
/// TypeShape is what JSON a CLR type accepts, derived once per type by reflection over the same attributes the
/// serializer uses (JsonPropertyName, JsonConverter), so the schema check and deserialization cannot disagree.
/// </summary>
public sealed class TypeShape
{
    private static readonly ConcurrentDictionary<Type, TypeShape> Shapes = new();

    private TypeShape(Type type, ShapeKind kind) => (Type, Kind) = (type, kind);

    public Type Type { get; }

    public ShapeKind Kind { get; }

    /// <summary>Element type of a list, value type of a map.</summary>
    public Type? ElementType { get; private init; }

    /// <summary>Inclusive bounds of an integer type.</summary>
    public (decimal Min, decimal Max) IntegerRange { get; private init; }

    /// <summary>Properties of an object type, by JSON name.</summary>
    public IReadOnlyDictionary<string, PropertyInfo> Properties { get; private init; } = new Dictionary<string, PropertyInfo>();

    public static TypeShape Of(Type type) => Shapes.GetOrAdd(type, Build);

    private static TypeShape Build(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type == typeof(string) || type.IsEnum)
        {
            return new TypeShape(type, ShapeKind.String);
        }
        if (type == typeof(bool))
        {
            return new TypeShape(type, ShapeKind.Boolean);
        }
        if (IntegerBounds(type) is { } bounds)
        {
            return new TypeShape(type, ShapeKind.Integer) { IntegerRange = bounds };
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new TypeShape(type, ShapeKind.Number);
        }
        if (type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement))
        {
            return new TypeShape(type, ShapeKind.Any);
        }
        if (type.GetCustomAttribute<JsonConverterAttribute>() is not null || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(byte[]))
        {
            return new TypeShape(type, ShapeKind.Converted);
        }
        if (GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string))
        {
            return new TypeShape(type, ShapeKind.Map) { ElementType = dictionary.GetGenericArguments()[1] };
        }
        if (GenericInterface(type, typeof(IEnumerable<>)) is { } enumerable)
        {
            return new TypeShape(type, ShapeKind.List) { ElementType = enumerable.GetGenericArguments()[0] };
        }
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null
                || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            properties[name] = property;
        }
        return new TypeShape(type, ShapeKind.Object) { Properties = properties };
    }

    private static (decimal, decimal)? IntegerBounds(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => (byte.MinValue, byte.MaxValue),
        TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
        TypeCode.Int16 => (short.MinValue, short.MaxValue),
        TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
        TypeCode.Int32 => (int.MinValue, int.MaxValue),
        TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
        TypeCode.Int64 => (long.MinValue, long.MaxValue),
        TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue),
        _ => null,
    };

    private static Type? GenericInterface(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type;
        }
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }
}
