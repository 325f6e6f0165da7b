namespace AiGuard.Operator.Reconciliation;

/// <summary>
/// NameConflicts words the NameConflict reason shared by the Stalled condition and the Warning event: it names each
/// conflicting kind and name and what the user can do, never the foreign object's content.
/// </summary>
internal static class NameConflicts
{
    /// <summary>Reason of the Stalled and Ready conditions and of the Warning event.</summary>
    public const string Reason = "NameConflict";

    /// <summary>The message for <paramref name="conflicts"/> ("Kind name" each).</summary>
    public static string Describe(IReadOnlyList<string> conflicts) =>
        $"{string.Join(", ", conflicts)} already {(conflicts.Count == 1 ? "exists and is" : "exist and are")} not controlled by this "
        + "ModelDeployment: nothing of that name is written or deleted and the Deployment is not created or changed; "
        + "remove the conflicting object or rename the ModelDeployment";
}
