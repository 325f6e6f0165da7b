namespace AiGuard.Sandbox.Patching;

/// <summary>The merge behaviour of one list field; <see cref="Key"/> is set for <see cref="ListMergeKind.Map"/>.</summary>
public sealed record ListMergeRule(ListMergeKind Kind, string? Key = null)
{
    /// <summary>The list is replaced whole.</summary>
    public static ListMergeRule Atomic { get; } = new(ListMergeKind.Atomic);

    /// <summary>Primitive values merged as a set.</summary>
    public static ListMergeRule Set { get; } = new(ListMergeKind.Set);

    /// <summary>Objects merged by the value of <paramref name="key"/>.</summary>
    public static ListMergeRule MapBy(string key) => new(ListMergeKind.Map, key);
}
