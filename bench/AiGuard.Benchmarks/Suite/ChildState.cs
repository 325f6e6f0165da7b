using System.Text.Json;

namespace AiGuard.Benchmarks.Suite;

/// <summary>What the suite tracks of a child the operator owns: its uid (a recreated child has a new one) and its owner's uid.</summary>
internal sealed record ChildState(string Uid, string? OwnerUid)
{
    /// <summary>The label the operator puts on every child it manages.</summary>
    public const string Selector = "labelSelector=app.kubernetes.io%2Fmanaged-by%3Daiguard-operator";

    public static ChildState From(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        string? owner = null;
        if (metadata.TryGetProperty("ownerReferences", out var owners) && owners.ValueKind == JsonValueKind.Array)
        {
            owner = owners.EnumerateArray().Select(o => o.GetProperty("uid").GetString()).FirstOrDefault();
        }

        return new ChildState(metadata.GetProperty("uid").GetString() ?? "", owner);
    }
}
