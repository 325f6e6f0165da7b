using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Schema;

namespace AiGuard.Sandbox.Resources;

/// <summary>
/// A CRD version's openAPIV3Schema, compiled once: prunes unknown fields, applies defaults and validates
/// custom objects (including x-kubernetes-validations CEL rules) with the real server's order and error shape.
/// </summary>
internal sealed class CustomResourceSchema
{
    private readonly StructuralSchema compiled;

    private CustomResourceSchema(JsonObject source, StructuralSchema compiled)
    {
        Source = source;
        this.compiled = compiled;
    }

    public JsonObject Source { get; }

    /// <summary>Rules the sandbox does not enforce, with why (reported as warnings on CRD writes and in docs).</summary>
    public IReadOnlyList<SkippedRule> SkippedRules => compiled.SkippedRules;

    public static CustomResourceSchema Compile(JsonObject schema)
    {
        var source = (JsonObject)schema.DeepClone();
        return new CustomResourceSchema(source, StructuralSchema.Compile(source));
    }

    /// <summary>Prunes and defaults <paramref name="obj"/> in place; returns the paths of the unknown fields it pruned.</summary>
    public IReadOnlyList<string> PruneAndDefault(JsonObject obj)
    {
        var pruned = compiled.UnknownFields(obj).Select(f => f.Path).ToList();
        compiled.Prune(obj);
        compiled.ApplyDefaults(obj);
        return pruned;
    }

    public void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        foreach (var error in compiled.Validate(obj, old))
        {
            causes.Add(new StatusCause(error.Type, error.Message, error.Path));
        }
    }
}
