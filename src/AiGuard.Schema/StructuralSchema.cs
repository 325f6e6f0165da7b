using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiGuard.Schema;

/// <summary>
/// A compiled CRD <c>openAPIV3Schema</c>: validation (types, required, enum, pattern, bounds, formats, list
/// uniqueness, int-or-string, <c>x-kubernetes-validations</c> CEL rules), pruning of unknown fields and defaulting,
/// with the API server's semantics. Rules the sandbox cannot enforce are listed in <see cref="SkippedRules"/>.
/// Thread-safe after <see cref="Compile"/>.
/// </summary>
public sealed partial class StructuralSchema
{
    private const int MaxSkippedRules = 500;

    private readonly SchemaNode root;
    private readonly Lock skippedLock = new();
    private readonly List<SkippedRule> skipped;
    private readonly HashSet<SkippedRule> seen;
    private readonly bool hasRules;

    private StructuralSchema(SchemaNode root, List<SkippedRule> skipped)
    {
        this.root = root;
        this.skipped = skipped;
        seen = [.. skipped];
        hasRules = HasRules(root);
    }

    /// <summary>
    /// Rules not enforced: those that failed to compile (known after <see cref="Compile"/>) and those the Cel
    /// package failed to evaluate (added as <see cref="Validate"/> meets them; each listed once).
    /// </summary>
    public IReadOnlyList<SkippedRule> SkippedRules
    {
        get
        {
            lock (skippedLock)
            {
                return [.. skipped];
            }
        }
    }

    /// <summary>Compiles a schema; every CEL rule is compiled once here (and cached process-wide by its text).</summary>
    public static StructuralSchema Compile(JsonObject openApiV3Schema)
    {
        var skipped = new List<SkippedRule>();
        var root = SchemaNode.Parse(openApiV3Schema, string.Empty, skipped);
        return new StructuralSchema(root, skipped);
    }

    /// <summary>
    /// Validates a whole object (paths start below the root: <c>spec.replicas</c>). Pass the stored object as
    /// <paramref name="oldValue"/> on updates so transition rules (<c>oldSelf</c>) run. CEL rules run only when no
    /// error blocks them; otherwise the list ends with <see cref="RulesNotChecked"/>, as the API server's does.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonNode? value, JsonNode? oldValue = null) =>
        new SchemaValidator(Skip, hasRules).Validate(value, oldValue, root);

    /// <summary>The error that ends the list when a wrong type, missing field or similar kept the CEL rules from running.</summary>
    public static FieldError RulesNotChecked => SchemaValidator.RulesNotChecked;

    /// <summary>
    /// The paths of the fields the schema does not declare (<c>spec.surprise</c>), which the API server prunes, or
    /// refuses under <c>fieldValidation=Strict</c> (kubectl's default) as <c>unknown field "spec.surprise"</c>.
    /// </summary>
    public IReadOnlyList<UnknownField> UnknownFields(JsonObject obj) => SchemaDefaulting.UnknownFields(obj, root);

    /// <summary>Removes fields the schema does not declare (kept: apiVersion, kind, metadata at the root, and anything under preserve-unknown-fields).</summary>
    public void Prune(JsonObject obj) => SchemaDefaulting.Prune(obj, root, isResourceRoot: true);

    /// <summary>Applies <c>default</c> values to missing properties of objects that exist.</summary>
    public void ApplyDefaults(JsonObject obj) => SchemaDefaulting.ApplyDefaults(obj, root);

    private static bool HasRules(SchemaNode node) =>
        node.Rules.Count > 0
        || node.Properties.Values.Any(HasRules)
        || (node.Items is { } items && HasRules(items))
        || (node.AdditionalProperties is { } values && HasRules(values));

    private void Skip(SkippedRule rule)
    {
        // One entry per rule and schema location, not per list index or map key the rule met.
        rule = rule with { Path = InstanceIndex().Replace(rule.Path, "[*]") };
        lock (skippedLock)
        {
            if (skipped.Count < MaxSkippedRules && seen.Add(rule))
            {
                skipped.Add(rule);
            }
        }
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex InstanceIndex();
}
