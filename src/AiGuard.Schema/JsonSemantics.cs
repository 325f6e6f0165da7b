using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.Schema;

/// <summary>
/// JSON value equality as the API server sees it: numbers compare by value (<c>1</c> equals <c>1.0</c>),
/// object member order is irrelevant, array order matters.
/// </summary>
public static class JsonSemantics
{
    /// <summary>True when both nodes hold the same JSON value.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        switch (left)
        {
            case JsonObject leftObject:
                if (right is not JsonObject rightObject || leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(name, out var other) || !AreEqual(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray leftArray:
                if (right is not JsonArray rightArray || leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!AreEqual(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return right is JsonValue && ValuesEqual(left.AsValue(), right.AsValue());
        }
    }

    private static bool ValuesEqual(JsonValue left, JsonValue right)
    {
        var leftKind = left.GetValueKind();
        var rightKind = right.GetValueKind();
        if (leftKind != rightKind)
        {
            return false;
        }

        return leftKind switch
        {
            JsonValueKind.String => left.GetValue<string>() == right.GetValue<string>(),
            JsonValueKind.Number => NumbersEqual(left, right),
            _ => true, // true, false and null carry no further data
        };
    }

    private static bool NumbersEqual(JsonValue left, JsonValue right)
    {
        var leftText = left.ToJsonString();
        var rightText = right.ToJsonString();
        if (leftText == rightText)
        {
            return true;
        }

        return decimal.TryParse(leftText, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(rightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
            ? l == r
            : double.Parse(leftText, CultureInfo.InvariantCulture) == double.Parse(rightText, CultureInfo.InvariantCulture);
    }
}
