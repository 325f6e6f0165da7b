using System.Security.Cryptography;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// DesiredChildren prepares the planner's children for server-side apply and the drift check.
/// <list type="bullet">
/// <item>Each child carries <see cref="HashAnnotation"/>, a hash of everything else desired: the subset drift check
/// cannot see a field the plan dropped (say resources.limits), but the changed hash can, and the apply then removes
/// the dropped field because the operator's field manager no longer claims it.</item>
/// <item>A NetworkPolicy always states its rule lists, empty ones as []: the operator then owns them, so rules
/// another manager adds to a deny-all policy are taken away by the forced apply instead of lingering.</item>
/// </list>
/// </summary>
public static class DesiredChildren
{
    /// <summary>The annotation holding the hash of the desired object.</summary>
    public const string HashAnnotation = "aiguard.io/desired-hash";

    // The annotation holds the first 8 bytes of the SHA-256 as 16 hex digits.
    private const int HashBytes = 8;

    /// <summary>Normalizes and stamps <paramref name="child"/> in place (the planner's objects are fresh per reconcile).</summary>
    public static PreparedChild Prepare(IKubernetesObject<V1ObjectMeta> child)
    {
        if (child is V1NetworkPolicy { Spec: { } spec })
        {
            spec.Ingress ??= [];
            spec.Egress ??= [];
        }

        var annotations = child.Metadata.Annotations ?? new Dictionary<string, string>();
        annotations.Remove(HashAnnotation);
        child.Metadata.Annotations = annotations.Count == 0 ? null : annotations;
        var json = KubernetesJsonOptions.Utf8(child);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json), 0, HashBytes);
        annotations[HashAnnotation] = hash;
        child.Metadata.Annotations = annotations;
        return new PreparedChild(child, json, hash);
    }
}
