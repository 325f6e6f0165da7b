using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Protobuf;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>Reading request bodies (JSON, YAML, protobuf) and writing JSON responses.</summary>
internal static class HttpIo
{
    public const string Json = "application/json";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The media type without parameters, lowercased ("application/json").</summary>
    public static string MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    /// <summary>Decodes an object body; protobuf only for the kinds clients send it for (415 otherwise).</summary>
    public static JsonNode? DecodeObject(byte[] body, string mediaType, ResourceType? type)
    {
        switch (mediaType)
        {
            case "" or Json or "*/*":
                return ParseJsonOrYaml(body, allowYaml: mediaType.Length == 0);
            case "application/yaml" or "application/x-yaml" or "text/yaml":
                return ParseJsonOrYaml(body, allowYaml: true);
            case Protobuf when type is { AcceptsProtobuf: true } || type is null:
                try
                {
                    return KubeProtobuf.Decode(body);
                }
                catch (UnsupportedProtobufKindException)
                {
                    throw ApiException.UnsupportedMediaType(mediaType);
                }
                catch (ProtobufDecodeException e)
                {
                    throw ApiException.BadRequest($"error decoding protobuf body: {e.Message}");
                }

            default:
                throw ApiException.UnsupportedMediaType(mediaType);
        }
    }

    public static JsonNode? ParseJsonOrYaml(byte[] body, bool allowYaml)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (span.Length == 0)
        {
            return null;
        }

        try
        {
            if (span[0] is (byte)'{' or (byte)'[')
            {
                return KubeJson.Parse(span);
            }

            if (allowYaml)
            {
                return YamlBody.Parse(Encoding.UTF8.GetString(span));
            }

            return KubeJson.Parse(span);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding request body: {e.Message}");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiException.BadRequest($"error decoding YAML request body: {e.Message}");
        }
    }

    public static JsonObject RequireObject(JsonNode? node) =>
        node as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");

    public static Task WriteJsonAsync(HttpResponse response, int status, byte[] body, string contentType = Json)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    public static Task WriteJsonAsync(HttpResponse response, int status, JsonNode body, string contentType = Json) =>
        WriteJsonAsync(response, status, KubeJson.Serialize(body), contentType);

    public static Task WriteStatusAsync(HttpResponse response, ApiException error)
    {
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(response, error.Code, error.ToStatus());
    }
}
