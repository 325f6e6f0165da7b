using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Handlers;

/// <summary>
/// The seam to the server-side apply and managedFields components (AiGuard.Sandbox.Apply).
/// INTERIM: until that component lands, apply answers 501 and updates record no managedFields.
/// </summary>
internal static class FieldOwnership
{
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, DateTime now)
    {
        _ = before;
        _ = after;
        _ = manager;
        _ = now;
    }

    public static ApplyOutcome Apply(JsonObject? live, JsonObject applied, string manager, bool force, DateTime now)
    {
        _ = live;
        _ = applied;
        _ = manager;
        _ = force;
        _ = now;
        throw new ApiException(501, "NotImplemented", "server-side apply is not available in this build of the sandbox");
    }
}

/// <summary>The result of an apply: the merged object, field conflicts (empty on success), whether it was created.</summary>
internal sealed record ApplyOutcome(JsonObject Result, IReadOnlyList<string> Conflicts, bool Created);
