using k8s.Models;

namespace AiGuard.Api.Quantities;

/// <summary>
/// VerbatimQuantity carries a quantity that KubernetesClient's ResourceQuantity cannot hold safely (beyond
/// System.Decimal, finer than a nano-unit, or out of <see cref="BoundedQuantity"/>'s range) as the text it was
/// written with, so an object that has one can still be read, compared and written back unchanged. Its numeric
/// members inherited from ResourceQuantity are zero: read its value with <see cref="BoundedQuantity"/> instead.
/// </summary>
public sealed class VerbatimQuantity : ResourceQuantity, IEquatable<VerbatimQuantity>
{
    /// <summary>Keeps <paramref name="text"/> as written.</summary>
    public VerbatimQuantity(string text)
        : base(0m, 0, SuffixFormat.DecimalSI) => Text = text;

    /// <summary>The quantity as written.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <inheritdoc />
    public bool Equals(VerbatimQuantity? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is VerbatimQuantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);
}
