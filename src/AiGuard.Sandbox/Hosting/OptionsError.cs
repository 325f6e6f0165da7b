using System.Globalization;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;

namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// kube-apiserver's answer to query options that decode but fail validation (List/Create/Update/Patch/DeleteOptions):
/// 422 Invalid, <c>PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ...</c>, one cause per parameter.
/// </summary>
internal static class OptionsError
{
    public static StatusCause NotSupported(string parameter, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported",
            $"Unsupported value: \"{Printable(value)}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}", parameter);

    /// <summary>Echoed values are cut short and their quotes and control characters escaped.</summary>
    public static string Printable(string value)
    {
        var shown = value.Length > 256 ? value[..256] + "..." : value;
        return string.Concat(shown.Select(c => char.IsControl(c) || c == '"'
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
            : c.ToString()));
    }

    public static void ThrowIfAny(string optionsKind, IReadOnlyList<StatusCause> causes)
    {
        if (causes.Count == 0)
        {
            return;
        }

        var summary = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        throw new ApiException(422, "Invalid", $"{optionsKind}.meta.k8s.io \"\" is invalid: {summary}", new JsonObject
        {
            ["group"] = "meta.k8s.io",
            ["kind"] = optionsKind,
            ["causes"] = new JsonArray(causes.Select(c => (JsonNode)c.ToJson()).ToArray()),
        });
    }
}
