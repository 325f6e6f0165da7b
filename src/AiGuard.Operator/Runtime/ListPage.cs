namespace AiGuard.Operator.Runtime;

/// <summary>ListPage is one page of a LIST: its items, the list's resourceVersion, and the continue token (null on the last page).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
