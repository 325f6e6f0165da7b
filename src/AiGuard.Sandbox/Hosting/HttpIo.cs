using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Limits;
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

    /// <summary>
    /// Reads the body, refusing (413) anything over <see cref="ApiLimits.MaxRequestBodyBytes"/> before reading it when
    /// Content-Length says so, and otherwise as soon as one byte too many arrives (chunked or lying bodies).
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int limit = ApiLimits.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw BodyTooLarge();
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= limit ? (int)request.ContentLength.Value : 4096);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw BodyTooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own checks (body size, malformed chunking, a client that stops sending) are client errors too.
            throw e.StatusCode == 413 ? BodyTooLarge() : ApiException.BadRequest($"error reading the request body: {e.Message}");
        }

        return buffer.ToArray();
    }

    private static ApiException BodyTooLarge() =>
        ApiException.RequestEntityTooLarge($"Request entity too large: limit is {ApiLimits.MaxRequestBodyBytes}");

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
    public static DecodedBody DecodeObject(byte[] body, string mediaType, ResourceType? type)
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
                    return new DecodedBody(KubeProtobuf.Decode(body), []);
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

    /// <summary>
    /// Decodes JSON, or YAML when allowed (JSON is tried first as the cheaper parser; when it fails the YAML
    /// decoder has the last word, as for kube-apiserver, which reads such bodies as YAML). Every failure is 400.
    /// </summary>
    public static DecodedBody ParseJsonOrYaml(byte[] body, bool allowYaml)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (span.Length == 0)
        {
            return DecodedBody.Empty;
        }

        if (!allowYaml || span[0] is (byte)'{' or (byte)'[')
        {
            try
            {
                return JsonBody.Parse(span);
            }
            catch (JsonException e) when (!allowYaml)
            {
                throw ApiException.BadRequest($"error decoding request body: {e.Message}");
            }
            catch (JsonException)
            {
                // Flow-style YAML such as {a: b} is not JSON; decide as YAML below.
            }
        }

        try
        {
            return YamlBody.Parse(Encoding.UTF8.GetString(span));
        }
        catch (BodyDecodeException e)
        {
            throw ApiException.BadRequest($"error decoding YAML request body: {e.Message}");
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
