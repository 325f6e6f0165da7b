using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Patching;

/// <summary>An RFC 6901 JSON pointer, parsed into unescaped reference tokens (<c>~1</c> is '/', <c>~0</c> is '~').</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public static JsonPointer Parse(string text, string operation, string member)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new PatchException($"json-patch {operation}: \"{member}\" \"{text}\" is not a JSON pointer (it must be empty or start with '/')");
        }

        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            tokens.Add(Unescape(raw, text, operation, member));
        }

        return new JsonPointer(text, tokens);
    }

    public bool IsPrefixOf(JsonPointer other)
    {
        if (Tokens.Count > other.Tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i] != other.Tokens[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses an array index token; '-' (one past the end) only when <paramref name="allowEnd"/>.</summary>
    public static bool TryParseIndex(string token, int count, bool allowEnd, out int index)
    {
        index = -1;
        if (token == "-")
        {
            index = count;
            return allowEnd;
        }

        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        return allowEnd ? index <= count : index < count;
    }

    private static string Unescape(string raw, string text, string operation, string member)
    {
        if (!raw.Contains('~', StringComparison.Ordinal))
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '~')
            {
                builder.Append(raw[i]);
                continue;
            }

            var next = i + 1 < raw.Length ? raw[i + 1] : '\0';
            builder.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new PatchException($"json-patch {operation}: \"{member}\" \"{text}\" has an invalid escape ('~' must be followed by 0 or 1)"),
            });
            i++;
        }

        return builder.ToString();
    }
}
