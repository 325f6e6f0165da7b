using System.Text.Json.Nodes;
using AiGuard.Api.Quantities;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Reconciliation;

/// <summary>
/// DesiredFields decides whether an observed object already holds every field of a desired one. The operator
/// applies a child only when it does not, so a converged cluster costs zero writes. The API server adds defaults
/// (protocol: TCP, imagePullPolicy, ...) and other managers may add fields: extra observed fields never count as drift.
/// </summary>
internal static class DesiredFields
{
    /// <summary>True when every field set in <paramref name="desired"/> has the same value in <paramref name="observed"/>.</summary>
    public static bool AreContainedIn(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed)
    {
        if (observed is null)
        {
            return false;
        }

        var desiredNode = JsonNode.Parse(KubernetesJson.Serialize(desired));
        var observedNode = JsonNode.Parse(KubernetesJson.Serialize(observed));
        return Contains(observedNode, desiredNode);
    }

    // Fields whose values (or map values) are quantities: the API server stores them canonicalized ("1000m" -> "1").
    private static readonly HashSet<string> QuantityFields = new(StringComparer.Ordinal) { "limits", "requests", "sizeLimit", "overhead" };

    /// <summary>Subset test on JSON trees: objects by key, arrays element by element with equal length, scalars by value.</summary>
    public static bool Contains(JsonNode? observed, JsonNode? desired) => Contains(observed, desired, quantities: false);

    private static bool Contains(JsonNode? observed, JsonNode? desired, bool quantities)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject desiredObject:
                if (observed is not JsonObject observedObject)
                {
                    return false;
                }

                foreach (var (key, value) in desiredObject)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (!observedObject.TryGetPropertyValue(key, out var observedValue))
                    {
                        // An empty list the operator sets (e.g. a deny-all NetworkPolicy's ingress: []) is omitted
                        // by the API server when it stores the object: absent means the same.
                        if (value is JsonArray { Count: 0 })
                        {
                            continue;
                        }

                        return false;
                    }

                    if (!Contains(observedValue, value, quantities || QuantityFields.Contains(key)))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray desiredArray:
                if (observed is not JsonArray observedArray || observedArray.Count != desiredArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < desiredArray.Count; i++)
                {
                    if (!Contains(observedArray[i], desiredArray[i], quantities))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return observed is JsonValue && ScalarsEqual(observed, desired, quantities);
        }
    }

    private static bool ScalarsEqual(JsonNode observed, JsonNode desired, bool quantities)
    {
        if (JsonNode.DeepEquals(observed, desired))
        {
            return true;
        }

        // Only quantity fields compare by value, and never through ResourceQuantity: it raises ten to the written
        // exponent, so two differing hash-like texts ("12e345678") once stalled a worker for minutes.
        return quantities && BoundedQuantity.SameValue(Text(observed), Text(desired));
    }

    private static string? Text(JsonNode node) => node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        System.Text.Json.JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };
}
