using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cel;

namespace AiGuard.Schema;

/// <summary>
/// One <c>x-kubernetes-validations</c> rule compiled with the Cel package. Compiled delegates are cached by
/// expression text, so each distinct rule compiles once per process.
/// </summary>
internal sealed partial class CelRule
{
    private static readonly CelEnvironment Environment = WithRe2Matches(WithPresenceHas(new CelEnvironment(null, null)));
    private static readonly Lock CompileLock = new();
    private static readonly ConcurrentDictionary<string, Func<IDictionary<string, object?>, object?>> Cache = new(StringComparer.Ordinal);

    private readonly Func<IDictionary<string, object?>, object?> program;
    private readonly bool selectsFromVariables;

    private CelRule(string expression, Func<IDictionary<string, object?>, object?> program, string? message, string reason, string? fieldPath)
    {
        Expression = expression;
        this.program = program;
        Message = message;
        Reason = reason;
        FieldPath = fieldPath;
        IsTransitionRule = OldSelfReference().IsMatch(expression);
        // A macro variable named self or oldSelf would shadow the outer one, which CelVariables cannot see.
        selectsFromVariables = !ShadowedSelf().IsMatch(expression);
    }

    public string Expression { get; }

    public string? Message { get; }

    /// <summary>The field.ErrorType reported when the rule is false.</summary>
    public string Reason { get; }

    /// <summary>A relative path (<c>.name</c>, <c>['key']</c>) the error is reported at instead of the rule's node.</summary>
    public string? FieldPath { get; }

    /// <summary>References <c>oldSelf</c>: evaluated only on updates where the old value exists, like the API server.</summary>
    public bool IsTransitionRule { get; }

    public static CelRule? Compile(JsonObject validation, string path, List<SkippedRule> skipped)
    {
        var expression = Text(validation["rule"]);
        if (string.IsNullOrWhiteSpace(expression))
        {
            skipped.Add(new SkippedRule(path, validation.ToJsonString(), "validation has no rule"));
            return null;
        }

        try
        {
            var program = Cache.GetOrAdd(expression, static text =>
            {
                lock (CompileLock)
                {
                    var compiled = Environment.Compile(text);
                    return variables => compiled.Invoke(variables);
                }
            });
            var reason = Text(validation["reason"]) ?? "FieldValueInvalid";
            return new CelRule(expression, program, Text(validation["message"]), reason, Text(validation["fieldPath"]));
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            skipped.Add(new SkippedRule(path, expression, "the Cel package cannot compile it: " + e.Message));
            return null;
        }
    }

    /// <summary>Evaluates the rule: true or false, or an exception from the Cel package the caller classifies.</summary>
    public object? Evaluate(object? self, object? oldSelf, bool hasOldSelf)
    {
        var variables = selectsFromVariables
            ? new CelVariables { ["self"] = self }
            : new Dictionary<string, object?>(StringComparer.Ordinal) { ["self"] = self };
        if (hasOldSelf)
        {
            variables["oldSelf"] = oldSelf;
        }

        return program(variables);
    }

    // The Cel package's has() answers proto3's "set to a non-default value": false for a present "", [] or {}. Over
    // JSON, Kubernetes answers "present": `has(self.podSelector)` is true for `podSelector: {}` (which selects every
    // pod), so a rule like "!has(self.ipBlock) || !has(self.podSelector)" refuses it. Registered functions are looked
    // up before the built-in ones, so this one replaces it. A present field reaches it as one of the values CelValues
    // makes (null for a JSON null); a missing one as the package's internal no-such-field marker.
    private static CelEnvironment WithPresenceHas(CelEnvironment environment)
    {
        environment.RegisterFunction("has", [typeof(object)], static arguments => arguments.Length == 1
            ? arguments[0] is null or string or bool or long or double or IDictionary<string, object?> or IList<object?>
            : throw new CelExpressionParserException("has() takes one field selection"));
        return environment;
    }

    // The Cel package's matches() compiles its pattern with .NET's defaults on every call, so '^AIG-[A-Z]+-[0-9]{2}$'
    // accepts "AIG-NET-01\n", which cel-go's RE2 refuses, and it backtracks. This one reads the pattern as RE2 does
    // (Re2Pattern: cached, matched in linear time).
    private static CelEnvironment WithRe2Matches(CelEnvironment environment)
    {
        environment.RegisterFunction("matches", [typeof(string), typeof(string)], static arguments =>
            Re2Pattern.Compile((string)arguments[1]!).IsMatch((string)arguments[0]!));
        return environment;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex(@"\boldSelf\b")]
    private static partial Regex OldSelfReference();

    [GeneratedRegex(@"\(\s*(self|oldSelf)\s*,")]
    private static partial Regex ShadowedSelf();
}
