using System.Text.Json.Nodes;

namespace AiGuard.Operator.Tests.Runtime.Readability;

/// <summary>
/// The edge values a CRD schema node may admit, by its type: the values where a typed .NET reading drifts from what the
/// API server stores (integers written as 1.0 or 1e3 and past int32, quantities at the pattern's limits, strings with
/// NUL, quotes, newlines and characters outside the BMP, date-times in strfmt's odd forms). Values are raw JSON, so a
/// number keeps the exact text a client sent.
/// </summary>
internal static class SchemaEdgeValues
{
    private const string Emoji = "\U0001F600";

    /// <summary>Integers at their bounds and written in every form JSON allows.</summary>
    public static IEnumerable<string> Integers(JsonObject schema)
    {
        string[] fixedForms =
        [
            "0", "-0", "1", "-1", "0.0", "1.0", "1.5", "1e3", "1E3", "1e+2", "1e0", "100.00", "2.147483647e9",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9007199254740993",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e19", "1e21",
        ];
        foreach (var form in fixedForms)
        {
            yield return form;
        }

        foreach (var bound in new[] { schema["minimum"], schema["maximum"] }.OfType<JsonNode>().Select(b => (long)b.GetValue<decimal>()))
        {
            yield return bound.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return (bound - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return (bound + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return bound.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0";
        }
    }

    /// <summary>int-or-string values: both forms, and quantities at the limits of Kubernetes' quantity pattern.</summary>
    public static IEnumerable<string> IntOrStrings()
    {
        string[] numbers = ["0", "-1", "1", "1.0", "1.5", "1e3", "2147483648", "9223372036854775807", "9223372036854775808", "1e21"];
        string[] texts =
        [
            "0", "1", "+1", "-1", ".5", "1.", "-.5m", "+0", "1Ki", "1Ei", "1E", "1e99", "1E-99", "1e+99", "-1e-99", "9e9",
            "1n", "1u", "1m", "1k", "1M", "1G", "1T", "1P", "999Ei", new string('9', 64), new string('9', 62) + "Ei",
            "0." + new string('0', 60) + "1", "1." + new string('5', 60) + "m", "+" + new string('9', 60) + "e99", "",
        ];
        return numbers.Concat(texts.Select(Quote));
    }

    /// <summary>
    /// Strings: empty, at the length limit, outside the BMP, with NUL, quotes and line breaks; enum values in other
    /// cases; and the <paramref name="current"/> value with each of those appended, or padded to the limit (at its end,
    /// and by repeating its middle character), which is
    /// what reaches a field whose pattern no fixed text matches.
    /// </summary>
    public static IEnumerable<string> Strings(JsonObject schema, JsonNode? current)
    {
        var max = (int?)schema["maxLength"]?.GetValue<long>() ?? 4096;
        string[] texts =
        [
            "", "a", "0", Emoji, "a" + Emoji + "b", "a\0b", "\0", "\"", "'", "a\"b'c", "a\nb", "a\r\nb", "\n", " ", "\t",
            "\\", "</script>", "\uFEFF", "\u2028", "true", "null", "1", "-1", "1.5",
            new string('a', max), string.Concat(Enumerable.Repeat(Emoji, max)), new string('\u00e9', max),
        ];
        foreach (var text in texts)
        {
            yield return Quote(text);
        }

        if (current?.GetValueKind() == System.Text.Json.JsonValueKind.String && current.GetValue<string>() is { Length: > 0 } seed)
        {
            foreach (var suffix in new[] { Emoji, "\0", "\"", "'", "\n", "a", "-", "0", "\u00e9" })
            {
                yield return Quote(seed + suffix);
            }

            yield return Quote(seed + new string('a', Math.Max(0, max - seed.Length)));
            yield return Quote(seed.Insert(seed.Length / 2, new string(seed[seed.Length / 2], Math.Max(0, max - seed.Length))));
            yield return Quote(seed + string.Concat(Enumerable.Repeat(Emoji, Math.Max(0, max - seed.Length))));
        }

        foreach (var option in (schema["enum"] as JsonArray ?? []).Select(o => o?.GetValue<string>()).OfType<string>())
        {
            yield return Quote(option);
            yield return Quote(option.ToUpperInvariant());
            yield return Quote(option.ToLowerInvariant());
            yield return Quote(option + "\n");
        }

        if (schema["format"]?.GetValue<string>() == "date-time")
        {
            foreach (var time in DateTimes())
            {
                yield return Quote(time);
            }
        }
    }

    /// <summary>Date-times in the forms kube-openapi's strfmt may accept, including the edges of .NET's DateTime range.</summary>
    public static IEnumerable<string> DateTimes() =>
    [
        "2027-01-01T00:00:00Z", "2027-01-01t00:00:00z", "2027-01-01T00:00:00.123456789Z", "2027-01-01T00:00:00.1234567891234Z",
        "2027-01-01T00:00:00,5Z", "2027-01-01T00:00:00+14:00", "2027-01-01T00:00:00-23:59", "2027-01-01T00:00:00+00:00",
        "2027-01-01T00:00:00-00:00", "2024-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00", "0001-01-01T00:30:00+01:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59.9999999999Z",
        "2027-01-01T00:00:00.Z", "2027-01-01T23:59:60Z", "2027-01-01T00:00:00+24:00", "2027-01-01T00:00:00+0100",
    ];

    /// <summary><paramref name="text"/> as a JSON string literal.</summary>
    public static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}
