namespace AiGuard.Operator.Reconciliation;

/// <summary>RolloutObservation is what the reconciler saw of the model's Deployment and of its own progress.</summary>
/// <param name="DeploymentExists">A managed Deployment exists.</param>
/// <param name="DeploymentAvailable">The Deployment reports Available=True for its latest generation.</param>
/// <param name="ReconcileError">Set when reconciliation itself keeps failing (phase Error); never contains secret material.</param>
/// <param name="NeedsSpecChange">With <paramref name="ReconcileError"/>: the API server rejected what the spec asks for
/// (e.g. 422 Invalid), so retrying cannot help: Stalled instead of Reconciling.</param>
/// <param name="NameConflicts">"Kind name" of each child whose name an object the model does not control holds (phase Error,
/// Stalled with reason NameConflict).</param>
internal sealed record RolloutObservation(
    bool DeploymentExists,
    bool DeploymentAvailable,
    string? ReconcileError = null,
    bool NeedsSpecChange = false,
    IReadOnlyList<string>? NameConflicts = null)
{
    /// <summary>True when some child name is held by a foreign object.</summary>
    public bool HasNameConflicts => NameConflicts is { Count: > 0 };
}
