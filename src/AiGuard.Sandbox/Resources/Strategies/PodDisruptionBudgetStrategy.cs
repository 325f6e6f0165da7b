using System.Globalization;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// policy/v1 PodDisruptionBudgets: kube-apiserver's spec validation (minAvailable and maxUnavailable are exclusive,
/// each a non-negative integer or a percentage up to 100%, a valid unhealthyPodEvictionPolicy), an empty status on
/// create, and a status kept current by <see cref="DisruptionBudgetStatus"/> (the disruption controller's job).
/// </summary>
internal sealed class PodDisruptionBudgetStrategy : ResourceStrategy
{
    public static PodDisruptionBudgetStrategy Instance { get; } = new();

    public override void PrepareForCreate(JsonObject obj) =>
        obj["status"] = new JsonObject { ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0 };

    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var spec = obj.GetObject("spec");
        if (spec?["minAvailable"] is not null && spec["maxUnavailable"] is not null)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: minAvailable and maxUnavailable cannot be both set", "spec"));
        }

        foreach (var field in new[] { "minAvailable", "maxUnavailable" })
        {
            if (spec?[field] is { } value && IntOrPercent.Parse(value) is null)
            {
                causes.Add(new StatusCause("FieldValueInvalid",
                    $"Invalid value: {value.ToJsonString()}: must be a non-negative integer or a percentage between 0% and 100%", "spec." + field));
            }
        }

        if (spec.GetString("unhealthyPodEvictionPolicy") is { } policy && policy is not ("IfHealthyBudget" or "AlwaysAllow"))
        {
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{policy}\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"", "spec.unhealthyPodEvictionPolicy"));
        }

        if (spec?["selector"] is { } selector && DisruptionBudgetStatus.SelectorText(selector as JsonObject) is null)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: the selector must have matchLabels and matchExpressions with operators In, NotIn, Exists or DoesNotExist", "spec.selector"));
        }
    }

    public override void AfterWrite(Cluster cluster, ResourceType type, WriteResult result)
    {
        if (result.Action == WriteAction.Put)
        {
            DisruptionBudgetStatus.Refresh(cluster, result.After.Namespace);
        }
    }
}

/// <summary>An IntOrString budget value: a non-negative integer or a percentage between 0% and 100%.</summary>
internal readonly record struct IntOrPercent(int Value, bool IsPercent)
{
    public static IntOrPercent? Parse(JsonNode node)
    {
        if (node is JsonValue v && v.TryGetValue<long>(out var number))
        {
            return number is >= 0 and <= int.MaxValue ? new IntOrPercent((int)number, false) : null;
        }

        var text = node is JsonValue s && s.TryGetValue<string>(out var str) ? str : null;
        return text is { Length: > 1 } && text[^1] == '%'
            && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 100
            ? new IntOrPercent(percent, true)
            : null;
    }

    /// <summary>The value for <paramref name="total"/> pods; percentages round up, as the disruption controller does.</summary>
    public int Of(int total) => IsPercent ? (int)Math.Ceiling(Value * total / 100.0) : Value;
}
