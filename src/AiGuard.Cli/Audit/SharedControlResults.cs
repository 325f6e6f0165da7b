using System.Text;
using AiGuard.Engine;

namespace AiGuard.Cli.Audit;

/// <summary>
/// SharedControlResults keeps one instance of each distinct list of control results (safe to share between threads): the engine lists every
/// evaluated control for every model, and across a fleet those lists repeat (the same controls, passed or not),
/// so a large audit would otherwise hold some twenty small objects per model that say the same thing.
/// </summary>
public sealed class SharedControlResults
{
    /// <summary>More distinct lists than this are not worth remembering: each is then kept as it is.</summary>
    private const int Capacity = 4096;

    private readonly Dictionary<string, IReadOnlyList<ControlResult>> _lists = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();

    /// <summary><paramref name="assessment"/> with its control results replaced by an equal list seen before, if any.</summary>
    public Assessment Share(Assessment assessment)
    {
        // Called from the loader's worker threads too (models settled there).
        lock (_lists)
        {
            return ShareLocked(assessment);
        }
    }

    private Assessment ShareLocked(Assessment assessment)
    {
        _key.Clear();
        foreach (var result in assessment.Results)
        {
            _key.Append(result.Control).Append('\0').Append(result.Area).Append('\0').Append(result.Severity).Append('\0').Append(result.Passed ? '1' : '0').Append('\n');
        }
        var key = _key.ToString();
        if (_lists.TryGetValue(key, out var shared))
        {
            return assessment with { Results = shared };
        }
        if (_lists.Count < Capacity)
        {
            _lists[key] = assessment.Results;
        }
        return assessment;
    }
}
