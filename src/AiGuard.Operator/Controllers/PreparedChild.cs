using System.Text.Json;
using AiGuard.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// PreparedChild is a planned child after <see cref="DesiredChildren.Prepare"/>: the object to write, stamped with its
/// <see cref="Hash"/>, and the JSON the hash was taken over. The drift check reuses that JSON instead of writing the
/// object again for every comparison.
/// </summary>
/// <param name="Object">The child to write (carries <see cref="DesiredChildren.HashAnnotation"/>).</param>
/// <param name="Fields">Every desired field except the hash annotation, as KubernetesClient writes them.</param>
/// <param name="Hash">The hash annotation's value.</param>
public sealed record PreparedChild(IKubernetesObject<V1ObjectMeta> Object, JsonElement Fields, string Hash)
{
    /// <summary>
    /// True when <paramref name="observed"/> holds every desired field: the same as the subset check of the stamped
    /// object, since the stamped object differs from <see cref="Fields"/> by the hash annotation alone.
    /// </summary>
    public bool IsHeldBy(IKubernetesObject<V1ObjectMeta>? observed) =>
        observed?.Metadata?.Annotations is { } annotations
        && annotations.TryGetValue(DesiredChildren.HashAnnotation, out var hash)
        && hash == Hash
        && DesiredFields.AreContainedIn(Fields, observed);
}
