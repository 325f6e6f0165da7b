using System.Runtime.CompilerServices;
using System.Text.Json;
using AiGuard.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// PreparedChild is a planned child after <see cref="DesiredChildren.Prepare"/>: the object to write, stamped with its
/// <see cref="Hash"/>, and the JSON the hash was taken over. The drift check reuses that JSON instead of writing the
/// object again for every comparison, and reads it into a tree only when an observed child carries the same hash: a
/// child that does not exist yet (every child of a new model) or carries another hash is drift without it.
/// </summary>
public sealed class PreparedChild
{
    private readonly byte[] _json;
    private StrongBox<JsonElement>? _fields;

    /// <summary>A prepared child: <paramref name="obj"/> stamped with <paramref name="hash"/>, the hash of <paramref name="json"/>.</summary>
    /// <param name="obj">The child to write (carries <see cref="DesiredChildren.HashAnnotation"/>).</param>
    /// <param name="json">Every desired field except the hash annotation, as KubernetesClient writes them (UTF-8; not copied, never changed).</param>
    /// <param name="hash">The hash annotation's value.</param>
    public PreparedChild(IKubernetesObject<V1ObjectMeta> obj, byte[] json, string hash)
    {
        Object = obj;
        _json = json;
        Hash = hash;
    }

    /// <summary>The child to write (carries <see cref="DesiredChildren.HashAnnotation"/>).</summary>
    public IKubernetesObject<V1ObjectMeta> Object { get; }

    /// <summary>The hash annotation's value.</summary>
    public string Hash { get; }

    /// <summary>Every desired field except the hash annotation, as KubernetesClient writes them (read on first use).</summary>
    // A box, not a JsonElement field: writing a reference is atomic, so a racing reader sees a whole tree or none.
    public JsonElement Fields => (_fields ??= new StrongBox<JsonElement>(JsonSerializer.Deserialize<JsonElement>(_json))).Value;

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
