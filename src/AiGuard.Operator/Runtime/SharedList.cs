using System.Collections.ObjectModel;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// SharedList is an immutable list that cached objects share through <see cref="InternPool{T}"/> (ownerReferences,
/// short string lists such as a container's dropped capabilities): equal by its elements, and every mutator throws,
/// so a reader that changes a cached object fails loudly instead of changing it for every object that shares the list.
/// </summary>
/// <typeparam name="T">Element type; elements are compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
public sealed class SharedList<T> : ReadOnlyCollection<T>, IEquatable<SharedList<T>>
{
    private readonly int _hash;

    /// <summary>Wraps <paramref name="items"/>, which nobody may change afterwards.</summary>
    public SharedList(T[] items)
        : base(items)
    {
        var hash = default(HashCode);
        foreach (var item in items)
        {
            hash.Add(item);
        }

        _hash = hash.ToHashCode();
    }

    /// <inheritdoc />
    public bool Equals(SharedList<T>? other) =>
        other is not null && _hash == other._hash && Count == other.Count && this.SequenceEqual(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SharedList<T>);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;
}
