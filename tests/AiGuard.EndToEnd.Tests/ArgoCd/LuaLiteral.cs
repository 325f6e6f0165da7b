using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.EndToEnd.Tests.ArgoCd;

/// <summary>
/// LuaLiteral writes a JSON value as a Lua 5.1 table constructor, the way Argo CD hands a live object to a health
/// script: objects and arrays become tables (arrays 1-based), numbers Lua numbers, null nil.
/// </summary>
internal static class LuaLiteral
{
    public static string From(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("nil");
                break;
            case JsonObject map:
                text.Append('{');
                foreach (var (key, value) in map)
                {
                    text.Append('[');
                    WriteString(text, key);
                    text.Append("]=");
                    Write(text, value);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonArray list:
                text.Append('{');
                foreach (var item in list)
                {
                    Write(text, item);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                text.Append(value.GetValue<bool>() ? "true" : "false");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                text.Append(value.ToJsonString()); // JSON number syntax is valid Lua number syntax
                break;
            default:
                WriteString(text, node.GetValue<string>());
                break;
        }
    }

    /// <summary>A double-quoted Lua string; every byte outside printable ASCII as a decimal escape.</summary>
    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString(CultureInfo.InvariantCulture));
            }
        }

        text.Append('"');
    }
}
