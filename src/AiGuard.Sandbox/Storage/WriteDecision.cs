using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Storage;

/// <summary>What a write computed under the store lock wants to do with the object.</summary>
internal enum WriteAction
{
    None,
    Put,
    Remove,
}

/// <summary>The outcome of the decide step of <see cref="ResourceStore.Write"/>.</summary>
internal readonly record struct WriteDecision(WriteAction Action, JsonObject? Object)
{
    public static WriteDecision Unchanged => new(WriteAction.None, null);

    public static WriteDecision Put(JsonObject obj) => new(WriteAction.Put, obj);

    /// <summary>Removes the object; <paramref name="finalState"/> is what DELETED events and the response carry.</summary>
    public static WriteDecision Remove(JsonObject finalState) => new(WriteAction.Remove, finalState);
}

/// <summary>The committed (or dry-run) result of a write: the object before and after.</summary>
internal sealed record WriteResult(WriteAction Action, StoredObject? Before, StoredObject After)
{
    public bool Created => Action == WriteAction.Put && Before is null;
}
