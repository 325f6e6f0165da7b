using System.Globalization;
using System.Text.Json;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// AssignedMetadata reads, from a create's answer, the metadata the API server assigns (resourceVersion, uid,
/// generation, creationTimestamp) with a forward-only reader: no object of the answer's type is built, which for a
/// cold start was one full parse per child written. Everything else the answer holds is what was sent plus defaults.
/// </summary>
internal static class AssignedMetadata
{
    /// <summary>Copies the assigned fields of <paramref name="answer"/>'s metadata onto <paramref name="metadata"/>.</summary>
    /// <exception cref="JsonException">The answer is not a JSON object with a metadata.resourceVersion.</exception>
    public static void CopyTo(ReadOnlySpan<byte> answer, V1ObjectMeta metadata)
    {
        var reader = new Utf8JsonReader(answer);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the answer is not a JSON object");
        }

        string? resourceVersion = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (!isMetadata || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceVersion"u8))
                {
                    reader.Read();
                    resourceVersion = reader.GetString();
                }
                else if (reader.ValueTextEquals("uid"u8))
                {
                    reader.Read();
                    metadata.Uid = reader.GetString();
                }
                else if (reader.ValueTextEquals("generation"u8))
                {
                    reader.Read();
                    metadata.Generation = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
                }
                else if (reader.ValueTextEquals("creationTimestamp"u8))
                {
                    reader.Read();
                    metadata.CreationTimestamp = reader.TokenType == JsonTokenType.String
                        && DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created)
                            ? created
                            : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            break;
        }

        metadata.ResourceVersion = string.IsNullOrEmpty(resourceVersion)
            ? throw new JsonException("the answer has no metadata.resourceVersion")
            : resourceVersion;
    }
}
