using System.Globalization;

namespace AiGuard.Cli.Audit.Schema;

/// <summary>FieldSuggestion names the declared field an unknown one was probably meant to be (<c>replcas</c> -> <c>replicas</c>).</summary>
public static class FieldSuggestion
{
    /// <summary><c> (did you mean "replicas"?)</c>, or empty when no declared name is close enough.</summary>
    public static string For(string name, IEnumerable<string> declared)
    {
        var best = declared
            .Select(k => (Name: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, name.Length / 3)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
        return best is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (did you mean \"{best}\"?)");
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
