using System.Diagnostics.CodeAnalysis;

namespace AiGuard.Schema;

/// <summary>
/// The variables of one rule evaluation (<c>self</c>, <c>oldSelf</c>). The Cel package first asks its variables for
/// the whole text of a field selection (<c>self.spec.replicas</c>) and, when that is not a variable, scans every
/// protobuf enum it knows for one of that name before it selects the field: per selection, per evaluation, the
/// bulk of a rule's cost. Answering a chain of plain identifiers over maps here gives the value the selection would
/// give (none of those enums is named <c>self…</c>); anything else, a missing field included, is left to the package.
/// </summary>
internal sealed class CelVariables : Dictionary<string, object?>, IDictionary<string, object?>
{
    public CelVariables()
        : base(StringComparer.Ordinal)
    {
    }

    bool IDictionary<string, object?>.TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (TryGetValue(key, out value))
        {
            return true;
        }
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryGetValue(key[..dot], out var current))
        {
            return false;
        }
        foreach (var name in key[(dot + 1)..].Split('.'))
        {
            if (!IsIdentifier(name) || current is not IDictionary<string, object?> map || !map.TryGetValue(name, out current))
            {
                value = null;
                return false;
            }
        }
        value = current;
        return true;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
