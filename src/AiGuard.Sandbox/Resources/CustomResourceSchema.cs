using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;

namespace AiGuard.Sandbox.Resources;

/// <summary>
/// A CRD version's openAPIV3Schema, compiled once: prunes unknown fields, applies defaults and validates
/// (including x-kubernetes-validations) custom objects.
/// INTERIM: until AiGuard.Sandbox.Schema lands, objects pass through unvalidated.
/// </summary>
internal sealed class CustomResourceSchema
{
    private CustomResourceSchema(JsonObject schema) => Source = schema;

    public JsonObject Source { get; }

    /// <summary>Rules the validator could not compile, with why; surfaced in logs and docs, never silently.</summary>
    public IReadOnlyList<string> SkippedRules { get; } = [];

    public static CustomResourceSchema Compile(JsonObject schema) => new((JsonObject)schema.DeepClone());

    /// <summary>Prunes and defaults <paramref name="obj"/> in place; returns the paths of fields pruned.</summary>
    public IReadOnlyList<string> PruneAndDefault(JsonObject obj)
    {
        _ = obj;
        _ = Source;
        return [];
    }

    public void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        _ = obj;
        _ = old;
        _ = causes;
        _ = Source;
    }
}
