using System.Collections.Concurrent;

namespace AiGuard.Cli.Audit;

/// <summary>
/// TextTemplates keeps, per key (a control), the first text seen, so that every later text of that key is kept as
/// what differs from it (<see cref="CompactText"/>): the engine words each control's messages and remediations the
/// same way for every model and varies only a name, URI or version in them, so a large audit would otherwise hold
/// the same sentence once per model. Safe to share between threads; the keys are bounded by the control catalog.
/// </summary>
public sealed class TextTemplates
{
    private readonly ConcurrentDictionary<string, string> _templates = new(StringComparer.Ordinal);

    /// <summary><paramref name="text"/> as the part that differs from the first text seen under <paramref name="key"/>.</summary>
    public CompactText Compact(string key, string text)
    {
        var template = _templates.GetOrAdd(key, text);
        var prefix = text.AsSpan().CommonPrefixLength(template);
        var suffix = CommonSuffixLength(text.AsSpan(prefix), template.AsSpan(prefix));
        var middle = text.Length - prefix - suffix;
        return new CompactText(template, prefix, middle == 0 ? "" : text.Substring(prefix, middle), suffix);
    }

    private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[a.Length - 1 - length] == b[b.Length - 1 - length])
        {
            length++;
        }
        return length;
    }
}
