using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Apply;

/// <summary>
/// The outcome of a server-side apply. With conflicts (and no force) <see cref="Result"/> is the unchanged live
/// object and <see cref="Conflicts"/> lists the readable paths (<c>.spec.replicas</c>); <see cref="ConflictDetails"/>
/// pairs them with the owning manager. <see cref="Created"/> is true when there was no live object.
/// </summary>
public sealed record ApplyResult(JsonObject Result, IReadOnlyList<string> Conflicts, bool Created)
{
    /// <summary>The conflicts with their managers, for the 409 Status message and its causes.</summary>
    public IReadOnlyList<ApplyConflict> ConflictDetails { get; init; } = [];

    /// <summary>
    /// The message the API server returns with 409 Conflict (the structured-merge-diff wording), or null when there
    /// are no conflicts.
    /// </summary>
    public string? ConflictMessage
    {
        get
        {
            if (ConflictDetails.Count == 0)
            {
                return null;
            }

            if (ConflictDetails.Count == 1)
            {
                return $"Apply failed with 1 conflict: conflict with \"{ConflictDetails[0].Manager}\": {ConflictDetails[0].Path}";
            }

            var byManager = ConflictDetails
                .GroupBy(c => c.Manager)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"conflicts with \"{g.Key}\":\n- " + string.Join("\n- ", g.Select(c => c.Path)));
            return $"Apply failed with {ConflictDetails.Count} conflicts: " + string.Join("\n", byManager);
        }
    }
}
