using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace AiGuard.Api.Quantities;

/// <summary>
/// BoundedQuantityJsonConverter reads quantities without KubernetesClient's unbounded arithmetic: a quantity that
/// ResourceQuantity holds exactly becomes one, anything else (a huge exponent, 60 digits) a
/// <see cref="VerbatimQuantity"/> that writes back exactly what was read. Reading an object therefore costs time in
/// proportion to its size, whatever its quantities say. Short text that is no quantity at all is refused, as before;
/// text longer than any quantity is kept verbatim unread (the API server never stores such text in a quantity
/// field of a built-in kind, and AiGuard's CRDs refuse it).
/// </summary>
public sealed class BoundedQuantityJsonConverter : JsonConverter<ResourceQuantity>
{
    /// <inheritdoc />
    public override ResourceQuantity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException($"a quantity must be a string or a number, not {reader.TokenType}"),
        };
        return text is null ? null : Read(text);
    }

    /// <summary>The quantity <paramref name="text"/> stands for, read in bounded time.</summary>
    public static ResourceQuantity Read(string text)
    {
        if (BoundedQuantity.TryParse(text, out var quantity, out var error, out var outOfRange))
        {
            return quantity.FitsDecimal ? new ResourceQuantity(text) : new VerbatimQuantity(text);
        }

        // Out of range but shaped like a quantity (the upstream pattern admits any exponent): keep it as written.
        return outOfRange ? new VerbatimQuantity(text) : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
