using System.Collections;
using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Audit;

/// <summary>
/// CompactFindings holds a result's findings until the report is written, with each message and remediation kept as
/// what differs from the first of its control (<see cref="TextTemplates"/>): messages are most of what a large audit
/// keeps per model, and they repeat their control's wording. Reading an item builds an equal <see cref="Finding"/>,
/// so reports print exactly what the engine said. Items compare by value, not by reference.
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

    /// <summary><paramref name="findings"/> kept compactly, each text against templates of its own; an empty list as it is.</summary>
    public static IReadOnlyList<Finding> Of(IReadOnlyList<Finding> findings) => Of(findings, new TextTemplates(), new TextTemplates());

    /// <summary>
    /// <paramref name="findings"/> kept compactly, messages against <paramref name="messages"/> and remediations against
    /// <paramref name="remediations"/> (shared by every result of a run); an empty list as it is.
    /// </summary>
    public static IReadOnlyList<Finding> Of(IReadOnlyList<Finding> findings, TextTemplates messages, TextTemplates remediations)
    {
        if (findings.Count == 0 || findings is CompactFindings)
        {
            return findings;
        }
        var entries = new Entry[findings.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var f = findings[i];
            entries[i] = new Entry(f.Control, f.Severity, messages.Compact(f.Control, f.Message), remediations.Compact(f.Control, f.Remediation),
                f.Policy, f.Waived, f.WaivedBy);
        }
        return new CompactFindings(entries);
    }

    /// <summary>
    /// How many of <paramref name="findings"/> are unwaived with a severity <paramref name="counted"/> accepts, read
    /// without building the findings: a summary over every result of a large audit would otherwise build every
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

    /// <summary>One finding; control, severity, policy and waiver are the engine's shared strings.</summary>
    private readonly record struct Entry(string Control, string Severity, CompactText Message, CompactText Remediation, string? Policy, bool Waived,
        string? WaivedBy)
    {
        public Finding ToFinding() => new()
        {
            Control = Control,
            Severity = Severity,
            Message = Message.ToString(),
            Remediation = Remediation.ToString(),
            Policy = Policy,
            Waived = Waived,
            WaivedBy = WaivedBy,
        };
    }
}
