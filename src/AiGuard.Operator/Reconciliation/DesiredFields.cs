using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Api.Quantities;
using AiGuard.Operator.Runtime;
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
    /// <remarks>
    /// Both objects are written once, straight into read-only JSON trees (<see cref="JsonElement"/>): no JSON text and no
    /// mutable node tree per comparison, which a cold start runs for every child of every reconcile.
    /// </remarks>
    public static bool AreContainedIn(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed) =>
        observed is not null && Contains(KubernetesJsonOptions.Element(observed), KubernetesJsonOptions.Element(desired), quantities: false);

    /// <summary>True when every field set in <paramref name="desired"/> (a desired object already written as JSON) has the same value in <paramref name="observed"/>.</summary>
    public static bool AreContainedIn(JsonElement desired, IKubernetesObject<V1ObjectMeta>? observed) =>
        observed is not null && Contains(KubernetesJsonOptions.Element(observed), desired, quantities: false);

    // Fields whose values (or map values) are quantities: the API server stores them canonicalized ("1000m" -> "1").
    private static readonly HashSet<string> QuantityFields = new(StringComparer.Ordinal) { "limits", "requests", "sizeLimit", "overhead" };

    /// <summary>Subset test on JSON trees: objects by key, arrays element by element with equal length, scalars by value.</summary>
    public static bool Contains(JsonNode? observed, JsonNode? desired) =>
        desired is null || Contains(JsonSerializer.SerializeToElement(observed), JsonSerializer.SerializeToElement(desired), quantities: false);

    private static bool Contains(JsonElement observed, JsonElement desired, bool quantities)
    {
        switch (desired.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.Object:
                if (observed.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in desired.EnumerateObject())
                {
                    var value = property.Value;
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (!observed.TryGetProperty(property.Name, out var observedValue))
                    {
                        // An empty list the operator sets (e.g. a deny-all NetworkPolicy's ingress: []) is omitted
                        // by the API server when it stores the object: absent means the same.
                        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
                        {
                            continue;
                        }

                        return false;
                    }

                    if (!Contains(observedValue, value, quantities || QuantityFields.Contains(property.Name)))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                if (observed.ValueKind != JsonValueKind.Array || observed.GetArrayLength() != desired.GetArrayLength())
                {
                    return false;
                }

                using (var observedItems = observed.EnumerateArray())
                {
                    foreach (var item in desired.EnumerateArray())
                    {
                        observedItems.MoveNext();
                        if (!Contains(observedItems.Current, item, quantities))
                        {
                            return false;
                        }
                    }
                }

                return true;
            default:
                return observed.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined)
                    && ScalarsEqual(observed, desired, quantities);
        }
    }

    private static bool ScalarsEqual(JsonElement observed, JsonElement desired, bool quantities)
    {
        if (JsonElement.DeepEquals(observed, desired))
        {
            return true;
        }

        // Only quantity fields compare by value, and never through ResourceQuantity: it raises ten to the written
        // exponent, so two differing hash-like texts ("12e345678") once stalled a worker for minutes.
        return quantities && BoundedQuantity.SameValue(Text(observed), Text(desired));
    }

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };
}
