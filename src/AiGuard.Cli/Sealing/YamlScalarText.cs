using System.Text.RegularExpressions;

namespace AiGuard.Cli.Sealing;

/// <summary>
/// YamlScalarText writes a string as a YAML scalar that every YAML 1.1 and 1.2 reader reads back as that same string:
/// plain when it is unmistakably a string, else single-quoted.
/// </summary>
public static partial class YamlScalarText
{
    // Words YAML 1.1 readers (kubectl, many CI tools) turn into booleans or null.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    /// <summary>The scalar text for <paramref name="value"/>.</summary>
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SafePlain().IsMatch(value) && !Reserved.Contains(value)
            ? value
            : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    // A letter, '_' or '/' first rules out numbers, '.inf', indicators ('-', '?', ':', '&', '*', '!', '|', '>', '%', '@', '`'),
    // and the rest holds no ': ' or ' #'.
    [GeneratedRegex("^[A-Za-z_/][-A-Za-z0-9_./]*\\z")]
    private static partial Regex SafePlain();
}
