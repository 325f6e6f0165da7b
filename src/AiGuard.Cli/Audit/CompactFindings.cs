using System.Collections;
using System.Text;
using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Audit;

/// <summary>
/// CompactFindings holds a result's findings until the report is written, with each message as UTF-8 (half the size
/// of a string, and messages are most of what a large audit keeps per model); reading an item builds an equal
/// <see cref="Finding"/>, so reports print exactly what the engine said. Items compare by value, not by reference.
/// </summary>
public sealed class CompactFindings : IReadOnlyList<Finding>
{
    private readonly Entry[] _entries;

    private CompactFindings(Entry[] entries)
    {
        _entries = entries;
    }

    public int Count => _entries.Length;

    public Finding this[int index] => _entries[index].ToFinding();

    /// <summary><paramref name="findings"/> kept compactly; an empty list as it is.</summary>
    public static IReadOnlyList<Finding> Of(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0 || findings is CompactFindings)
        {
            return findings;
        }
        var entries = new Entry[findings.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var f = findings[i];
            entries[i] = new Entry(f.Control, f.Severity, Encoding.UTF8.GetBytes(f.Message), f.Remediation, f.Policy, f.Waived, f.WaivedBy);
        }
        return new CompactFindings(entries);
    }

    /// <summary>
    /// How many of <paramref name="findings"/> are unwaived with a severity <paramref name="counted"/> accepts, read
    /// without building the findings: a summary over every result of a large audit would otherwise decode every
    /// message at once.
    /// </summary>
    public static int Unwaived(IReadOnlyList<Finding> findings, Func<string, bool> counted)
    {
        var count = 0;
        if (findings is CompactFindings compact)
        {
            foreach (var entry in compact._entries)
            {
                count += !entry.Waived && counted(entry.Severity) ? 1 : 0;
            }
            return count;
        }
        foreach (var finding in findings)
        {
            count += !finding.Waived && counted(finding.Severity) ? 1 : 0;
        }
        return count;
    }

    public IEnumerator<Finding> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return _entries[i].ToFinding();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One finding; control, severity and remediation are the engine's shared strings, so only the message is per model.</summary>
    private readonly record struct Entry(string Control, string Severity, byte[] Message, string Remediation, string? Policy, bool Waived, string? WaivedBy)
    {
        public Finding ToFinding() => new()
        {
            Control = Control,
            Severity = Severity,
            Message = Encoding.UTF8.GetString(Message),
            Remediation = Remediation,
            Policy = Policy,
            Waived = Waived,
            WaivedBy = WaivedBy,
        };
    }
}
