using System.Text;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Storage;

/// <summary>A list continue token: the list's resourceVersion and the last key served (opaque base64 to clients).</summary>
internal sealed record ContinueToken(long ResourceVersion, string StartAfter)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = ResourceVersion, ["start"] = StartAfter }.ToJsonString()))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static ContinueToken Decode(string text)
    {
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var obj = KubeJson.ParseObject(Convert.FromBase64String(padded));
            return new ContinueToken(obj.GetInt64("rv") ?? throw new FormatException("rv"), obj.GetString("start") ?? throw new FormatException("start"));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw ApiException.BadRequest("invalid continue token: the continue token is not valid; start a new list without it");
        }
    }
}
