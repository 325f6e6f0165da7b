using System.Text;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// CommentText makes text from a cluster object safe to print inside a YAML comment or an error line: control
/// characters (a newline would end the comment and start YAML the user did not write) become spaces, and long text is
/// cut, so a hostile name can neither inject manifest content nor flood the terminal.
/// </summary>
public static class CommentText
{
    /// <summary>The longest text kept from one value.</summary>
    public const int DefaultMaxLength = 120;

    /// <summary><paramref name="text"/> on one line, without control or format characters, at most <paramref name="maxLength"/> characters plus an ellipsis.</summary>
    public static string Sanitize(string text, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (clean.Length >= maxLength)
            {
                return clean.Append('…').ToString();
            }

            var category = Rune.GetUnicodeCategory(rune);
            var unsafeChar = Rune.IsControl(rune)
                || category is System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator
                    or System.Globalization.UnicodeCategory.ParagraphSeparator;
            clean.Append(unsafeChar ? " " : rune.ToString());
        }

        return clean.ToString();
    }
}
