using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Value equality for the small objects <see cref="CacheJson"/> pools. Each compares every property of its type
/// (CacheJsonTests checks that by reflection, so a property a new KubernetesClient adds cannot be silently ignored
/// and make two different values one).
/// </summary>
internal static class CachedValueComparers
{
    /// <summary>Status conditions: equal when every field is.</summary>
    public static IEqualityComparer<V1Condition> Condition { get; } = new ConditionComparer();

    /// <summary>ownerReferences: equal when every field is.</summary>
    public static IEqualityComparer<V1OwnerReference> OwnerReference { get; } = new OwnerReferenceComparer();

    /// <summary>Ports and rollout sizes (<c>IntOrString</c>): equal when their text is (the type holds nothing else).</summary>
    public static IEqualityComparer<IntOrString> IntOrString { get; } = new IntOrStringComparer();

    /// <summary>String arrays (the key sets of <see cref="SharedStringDictionary"/>): equal when every element is, ordinally and in order.</summary>
    public static IEqualityComparer<string[]> StringArray { get; } = new StringArrayComparer();

    private sealed class ConditionComparer : IEqualityComparer<V1Condition>
    {
        public bool Equals(V1Condition? x, V1Condition? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null
                && x.Type == y.Type && x.Status == y.Status && x.Reason == y.Reason && x.Message == y.Message
                && x.ObservedGeneration == y.ObservedGeneration && x.LastTransitionTime == y.LastTransitionTime
                && x.LastTransitionTime.Kind == y.LastTransitionTime.Kind);

        public int GetHashCode(V1Condition obj) => HashCode.Combine(obj.Type, obj.Status, obj.Reason, obj.Message, obj.ObservedGeneration, obj.LastTransitionTime);
    }

    private sealed class OwnerReferenceComparer : IEqualityComparer<V1OwnerReference>
    {
        public bool Equals(V1OwnerReference? x, V1OwnerReference? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null
                && x.Uid == y.Uid && x.Name == y.Name && x.Kind == y.Kind && x.ApiVersion == y.ApiVersion
                && x.Controller == y.Controller && x.BlockOwnerDeletion == y.BlockOwnerDeletion);

        public int GetHashCode(V1OwnerReference obj) => HashCode.Combine(obj.Uid, obj.Name, obj.Kind);
    }

    private sealed class StringArrayComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (var item in obj)
            {
                hash.Add(item, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }

    private sealed class IntOrStringComparer : IEqualityComparer<IntOrString>
    {
        public bool Equals(IntOrString? x, IntOrString? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(x.Value, y.Value, StringComparison.Ordinal));

        public int GetHashCode(IntOrString obj) => obj.Value is { } value ? StringComparer.Ordinal.GetHashCode(value) : 0;
    }
}
