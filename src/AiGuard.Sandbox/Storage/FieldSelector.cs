using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Storage;

/// <summary>
/// A parsed field selector (<c>metadata.name=x,metadata.namespace!=y</c>). Every kind supports
/// metadata.name and metadata.namespace; a few kinds support more fields, as on a real server.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> ExtraFields = new(StringComparer.Ordinal)
    {
        ["Pod"] = ["spec.nodeName", "spec.serviceAccountName", "status.phase", "status.podIP", "spec.restartPolicy", "spec.schedulerName"],
        ["Secret"] = ["type"],
        ["Namespace"] = ["status.phase"],
    };

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms) => this.terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => terms.Count == 0;

    /// <summary>True when only metadata fields are used, so the stored object need not be parsed.</summary>
    public bool MetadataOnly => terms.All(t => t.Field.StartsWith("metadata.", StringComparison.Ordinal));

    /// <summary>
    /// Parses <paramref name="text"/> for a resource of <paramref name="kind"/>; <paramref name="fieldLabels"/> (when the
    /// type declares them) maps each selectable field to the stored field it matches, e.g. events.k8s.io's
    /// <c>regarding.name</c> to the stored core Event's <c>involvedObject.name</c>.
    /// </summary>
    public static FieldSelector Parse(string? text, string kind, IReadOnlyDictionary<string, string>? fieldLabels = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<(string, bool, string)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = raw.IndexOf("!=", StringComparison.Ordinal);
            var equal = raw.IndexOf('=', StringComparison.Ordinal);
            if (equal <= 0)
            {
                throw ApiException.BadRequest($"invalid field selector \"{text}\": expected field=value, field==value or field!=value");
            }

            var field = raw[..(notEqual > 0 ? notEqual : equal)].Trim();
            var value = notEqual > 0 ? raw[(notEqual + 2)..] : raw[(equal + (raw.AsSpan(equal).StartsWith("==") ? 2 : 1))..];
            var supported = field is "metadata.name" or "metadata.namespace"
                || (ExtraFields.TryGetValue(kind, out var extra) && extra.Contains(field));
            if (!supported && fieldLabels?.GetValueOrDefault(field) is { } stored)
            {
                (field, supported) = (stored, true);
            }

            if (!supported)
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }

            result.Add((field, notEqual <= 0, value.Trim()));
        }

        return new FieldSelector(result);
    }

    public bool Matches(StoredObject stored, Func<JsonObject>? parse = null)
    {
        JsonObject? parsed = null;
        foreach (var (field, equal, value) in terms)
        {
            string actual;
            if (field == "metadata.name")
            {
                actual = stored.Name;
            }
            else if (field == "metadata.namespace")
            {
                actual = stored.Namespace;
            }
            else
            {
                parsed ??= parse?.Invoke() ?? stored.Parse();
                actual = parsed.Select(field) is JsonValue v ? v.ToString() : "";
            }

            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }
}
