using System.Text;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Tables;

/// <summary>
/// The subset of kubectl JSONPath that printer columns use: <c>.a.b</c>, <c>[0]</c>, <c>[*]</c>,
/// escaped dots (<c>labels.app\.kubernetes\.io/name</c>) and filters <c>[?(@.type=="Ready")]</c>.
/// </summary>
internal static class JsonPathCell
{
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        text = text.TrimStart('$');
        var i = 0;
        while (i < text.Length && current.Count > 0)
        {
            if (text[i] == '.')
            {
                i++;
                var name = ReadName(text, ref i);
                if (name.Length == 0)
                {
                    continue;
                }

                current = current.Select(n => n is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v : null)
                    .Where(n => n is not null).ToList();
            }
            else if (text[i] == '[')
            {
                var close = FindClose(text, i);
                var inner = text[(i + 1)..close];
                i = close + 1;
                current = Index(current, inner);
            }
            else
            {
                var name = ReadName(text, ref i);
                current = current.Select(n => n is JsonObject o && o.TryGetPropertyValue(name, out var v) ? v : null)
                    .Where(n => n is not null).ToList();
            }
        }

        return current;
    }

    private static string ReadName(string text, ref int i)
    {
        var name = new StringBuilder();
        while (i < text.Length && text[i] != '.' && text[i] != '[')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            name.Append(text[i]);
            i++;
        }

        return name.ToString();
    }

    private static int FindClose(string text, int open)
    {
        var depth = 0;
        for (var j = open; j < text.Length; j++)
        {
            if (text[j] == '[')
            {
                depth++;
            }
            else if (text[j] == ']' && --depth == 0)
            {
                return j;
            }
        }

        return text.Length - 1;
    }

    private static List<JsonNode?> Index(List<JsonNode?> nodes, string inner)
    {
        var arrays = nodes.OfType<JsonArray>().ToList();
        if (inner == "*")
        {
            return arrays.SelectMany(a => a).Concat(nodes.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Value))).ToList();
        }

        if (int.TryParse(inner, out var index))
        {
            return arrays.Select(a => index >= 0 && index < a.Count ? a[index] : index < 0 && -index <= a.Count ? a[a.Count + index] : null)
                .Where(n => n is not null).ToList();
        }

        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var filter = inner[2..^1];
            var op = filter.Contains("!=", StringComparison.Ordinal) ? "!=" : "==";
            var parts = filter.Split(op, 2);
            var left = parts[0].Trim();
            var right = parts.Length > 1 ? parts[1].Trim().Trim('"', '\'') : null;
            var leftPath = left.StartsWith('@') ? left[1..] : left;
            return arrays.SelectMany(a => a).Where(item =>
            {
                var found = Evaluate(item, leftPath);
                var value = found.Count > 0 ? found[0] : null;
                if (right is null)
                {
                    return value is not null;
                }

                var text = value is JsonValue v ? v.ToString() : null;
                return op == "==" ? text == right : text != right;
            }).ToList();
        }

        return [];
    }
}
