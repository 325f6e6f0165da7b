using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Tests.Apply;

/// <summary>JSON text as the API server writes it (a quote inside a string is \", not \u0022), for readable assertions.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonNode? node) => node?.ToJsonString(Relaxed) ?? "null";
}
