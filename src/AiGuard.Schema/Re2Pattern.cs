using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace AiGuard.Schema;

/// <summary>
/// Compiles an RE2 pattern (a schema's <c>pattern</c>, a CEL <c>matches()</c> argument: the API server evaluates both
/// with Go's regexp) into a .NET regex that answers as RE2 does. The one difference that lets text through is
/// <c>$</c>: outside multi-line mode RE2 reads it as the end of the text, .NET also before a final newline, so
/// <c>^[a-z0-9]+$</c> would accept <c>"db\n"</c>, which a real API server refuses. Unescaped <c>$</c> outside a
/// character class therefore becomes <c>\z</c>, unless the pattern turns on multi-line mode (<c>(?m)</c>), where
/// the two engines agree. Compiled patterns are cached by text and run without backtracking, in linear time as in
/// RE2; the timeout is a last bound only.
/// </summary>
internal static partial class Re2Pattern
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private const int MaxCached = 1024;

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The regex for <paramref name="pattern"/>; <see cref="ArgumentException"/> when .NET cannot compile it, or
    /// <see cref="NotSupportedException"/> for a construct RE2 lacks as well (a backreference, a lookaround).
    /// </summary>
    public static Regex Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        // NonBacktracking, like RE2, matches in time linear in the text, so no crafted value can run a pattern into
        // its timeout (which skips the rule: the object would pass unchecked). It refuses what RE2 refuses too
        // (backreferences, lookarounds) with NotSupportedException.
        var regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(pattern, regex);
        }

        return regex;
    }

    /// <summary>The .NET spelling of <paramref name="pattern"/>: each end-of-text <c>$</c> as <c>\z</c>.</summary>
    public static string Translate(string pattern)
    {
        if (!pattern.Contains('$', StringComparison.Ordinal) || MultiLineFlag().IsMatch(pattern))
        {
            return pattern;
        }

        var translated = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                translated.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                // A ']' first in a class (after an optional '^') is a literal in both engines, not the class's end.
                translated.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    translated.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    translated.Append(pattern[++i]);
                }

                inClass = true;
                continue;
            }
            else if (c == '$')
            {
                translated.Append(@"\z");
                continue;
            }

            translated.Append(c);
        }

        return translated.ToString();
    }

    /// <summary>An inline flag group that turns multi-line mode on: <c>(?m)</c>, <c>(?im)</c>, <c>(?m:…)</c>.</summary>
    [GeneratedRegex(@"\(\?[a-zA-Z]*m[a-zA-Z]*[:)]")]
    private static partial Regex MultiLineFlag();
}
