using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiGuard.Cli.Audit.Yaml;

/// <summary>
/// ScalarResolver gives a YAML scalar its JSON type by the YAML 1.2 core schema: quoted scalars are strings; plain
/// ones are null, booleans, integers or floats when they look like one, else strings. Explicit tags win, as in
/// kubectl's YAML library: <c>!!binary</c> is base64 decoded to text (so <c>kind: !!binary TW9k...</c> is read as
/// the kind kubectl sees) and a tag of no schema (<c>!custom</c>) leaves the text a string.
/// </summary>
public static partial class ScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>The JSON value of <paramref name="scalar"/>; throws <see cref="YamlSyntaxException"/> when a tag does not fit.</summary>
    public static JsonNode? Resolve(ScalarNode scalar)
    {
        var value = scalar.Value;
        switch (scalar.Tag)
        {
            case TagPrefix + "str":
            case TagPrefix + "timestamp":
                return JsonValue.Create(value);
            case TagPrefix + "binary":
                return JsonValue.Create(DecodeBinary(scalar));
            case TagPrefix + "null":
                return null;
            case TagPrefix + "bool":
                return IsTrue(value) ? JsonValue.Create(true)
                    : IsFalse(value) ? JsonValue.Create(false)
                    : throw Mismatch(scalar, "a boolean");
            case TagPrefix + "int":
                return ResolveInteger(value) ?? throw Mismatch(scalar, "an integer");
            case TagPrefix + "float":
                return ResolveInteger(value) ?? ResolveFloat(value) ?? throw Mismatch(scalar, "a number");
        }
        if (!scalar.Plain || scalar.Tag is not null)
        {
            return JsonValue.Create(value);
        }
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (IsTrue(value))
        {
            return JsonValue.Create(true);
        }
        if (IsFalse(value))
        {
            return JsonValue.Create(false);
        }
        return ResolveInteger(value) ?? ResolveFloat(value) ?? JsonValue.Create(value);
    }

    private static string DecodeBinary(ScalarNode scalar)
    {
        var base64 = string.Concat(scalar.Value.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return new System.Text.UTF8Encoding(false, false).GetString(System.Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw Mismatch(scalar, "base64");
        }
    }

    private static bool IsTrue(string value) => value is "true" or "True" or "TRUE";

    private static bool IsFalse(string value) => value is "false" or "False" or "FALSE";

    private static JsonValue? ResolveInteger(string value)
    {
        if (DecimalInteger().IsMatch(value))
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return JsonValue.Create(number);
            }
            // Beyond 64 bits: keep the magnitude; the schema check then reports it as out of range.
            return JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture));
        }
        if (value.StartsWith("0x", StringComparison.Ordinal) && value.Length > 2
            && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0)
        {
            return JsonValue.Create(hex);
        }
        if (OctalInteger().IsMatch(value))
        {
            try
            {
                return JsonValue.Create(Convert.ToInt64(value[2..], 8));
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        return null;
    }

    private static JsonValue? ResolveFloat(string value)
    {
        // .inf and .nan have no JSON form; they stay strings and fail any numeric field with a clear message.
        if (!FloatNumber().IsMatch(value))
        {
            return null;
        }
        var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? JsonValue.Create(number) : null;
    }

    // The value is not quoted: it may sit in a Secret, and the position already shows it.
    private static YamlSyntaxException Mismatch(ScalarNode scalar, string expected) =>
        new(scalar.Start, $"the value tagged {scalar.Tag} is not {expected}");

    [GeneratedRegex(@"^[-+]?[0-9]+\z")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^0o[0-7]+\z")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z")]
    private static partial Regex FloatNumber();
}
