using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Patching;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>ConfigMaps: an immutable ConfigMap's data cannot change.</summary>
internal sealed class ConfigMapStrategy : ResourceStrategy
{
    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes) =>
        CheckImmutable(obj, old, ["data", "binaryData"], causes);

    /// <summary>Shared with Secrets: once immutable is true, the data fields and the flag itself are frozen.</summary>
    public static void CheckImmutable(JsonObject obj, JsonObject? old, string[] fields, List<StatusCause> causes)
    {
        if (old?["immutable"] is not JsonValue v || !v.TryGetValue<bool>(out var immutable) || !immutable)
        {
            return;
        }

        if (!JsonSemantics.AreEqual(obj["immutable"], old["immutable"]))
        {
            causes.Add(new StatusCause("FieldValueForbidden", "field is immutable when `immutable` is set", "immutable"));
        }

        foreach (var field in fields)
        {
            if (!JsonSemantics.AreEqual(obj[field], old[field]))
            {
                causes.Add(new StatusCause("FieldValueForbidden", "field is immutable when `immutable` is set", field));
            }
        }
    }
}
