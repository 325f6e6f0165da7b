using AiGuard.Sandbox.Handlers;

namespace AiGuard.Sandbox.Storage;

/// <summary>
/// A parsed label selector in the query syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c> (exists) and <c>!a</c> (does not exist), comma-separated and ANDed.
/// </summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r.Matches(labels));

    /// <summary>Parses a selector; a syntax error is a 400 BadRequest naming the selector.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<Requirement>();
        foreach (var term in SplitTerms(text))
        {
            result.Add(ParseTerm(term.Trim(), text));
        }

        return new LabelSelector(result);
    }

    // Commas separate terms except inside the parentheses of "in (a,b)".
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseTerm(string term, string selector)
    {
        if (term.Length == 0)
        {
            throw Error(selector, "empty requirement");
        }

        if (term.StartsWith('!'))
        {
            return new Requirement(CheckKey(term[1..].Trim(), selector), Operator.DoesNotExist, []);
        }

        var notIn = IndexOfWord(term, "notin");
        var inIndex = IndexOfWord(term, "in");
        if (notIn > 0 || inIndex > 0)
        {
            var op = notIn > 0 ? Operator.NotIn : Operator.In;
            var at = notIn > 0 ? notIn : inIndex;
            var key = CheckKey(term[..at].Trim(), selector);
            var rest = term[(at + (op == Operator.NotIn ? 5 : 2))..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw Error(selector, $"expected a parenthesized list of values after '{key}'");
            }

            var values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new Requirement(key, op, values);
        }

        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                return new Requirement(CheckKey(term[..at].Trim(), selector), op, [term[(at + token.Length)..].Trim()]);
            }
        }

        return new Requirement(CheckKey(term, selector), Operator.Exists, []);
    }

    private static int IndexOfWord(string term, string word)
    {
        var at = term.IndexOf(" " + word, StringComparison.Ordinal);
        while (at >= 0)
        {
            var after = at + 1 + word.Length;
            if (after < term.Length && (term[after] == ' ' || term[after] == '('))
            {
                return at + 1;
            }

            at = term.IndexOf(" " + word, at + 1, StringComparison.Ordinal);
        }

        return -1;
    }

    private static string CheckKey(string key, string selector)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Error(selector, $"invalid label key \"{key}\"");
        }

        return key;
    }

    private static ApiException Error(string selector, string why) =>
        ApiException.BadRequest($"unable to parse requirement: {why} in label selector \"{selector}\"");

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Equals or Operator.In => has && Values.Contains(value!),
                Operator.NotEquals or Operator.NotIn => !has || !Values.Contains(value!),
                Operator.Exists => has,
                _ => !has,
            };
        }
    }
}
