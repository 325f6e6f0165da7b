namespace AiGuard.Operator.Controllers;

/// <summary>
/// ChildOutcome is what applying one planned child did. Children written together report here instead of into a
/// shared <see cref="AppliedChildren"/>, so the reconcile records them in plan order whichever answered first.
/// </summary>
internal enum ChildOutcome
{
    /// <summary>Not applied yet.</summary>
    Pending,

    /// <summary>The live child already held every desired field.</summary>
    Unchanged,

    /// <summary>Created or updated as planned.</summary>
    Written,

    /// <summary>Existed without our fields, or had vanished after the model converged: someone changed it.</summary>
    Repaired,

    /// <summary>The name is held by an object the model does not control.</summary>
    Conflict,

    /// <summary>Not applied because of another child's conflict; pruned like a stale child.</summary>
    Withheld,
}
