namespace AiGuard.Operator.Runtime;

/// <summary>
/// ResourceEventHandler receives an <see cref="Informer{T}"/>'s changes, always after the store already shows them.
/// Handlers run on the informer's loop, one at a time and in event order: keep them short (typically they only add
/// a key to a work queue).
/// </summary>
/// <param name="OnAdd">A new object (also every existing object when the handler is added after the first sync).</param>
/// <param name="OnUpdate">An object changed: old and new versions.</param>
/// <param name="OnDelete">An object was deleted (its last known state).</param>
public sealed record ResourceEventHandler<T>(Action<T>? OnAdd = null, Action<T, T>? OnUpdate = null, Action<T>? OnDelete = null);
