using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cel;

namespace AiGuard.Api.Tests.Support;

/// <summary>CelRules evaluates x-kubernetes-validations rules with the Cel package, compiling each rule once.</summary>
internal static class CelRules
{
    private static readonly CelEnvironment Environment = new(null, null);
    private static readonly ConcurrentDictionary<string, CelProgramDelegate> Compiled = new(StringComparer.Ordinal);

    /// <summary>Compiles the rule (cached); throws when it is not valid CEL.</summary>
    public static void Compile(string rule) => Compiled.GetOrAdd(rule, r => Environment.Compile(r));

    /// <summary>True when the rule holds for <paramref name="self"/>.</summary>
    public static bool Holds(string rule, JsonNode? self)
    {
        var program = Compiled.GetOrAdd(rule, r => Environment.Compile(r));
        var result = program(new Dictionary<string, object?> { ["self"] = ToCel(self) });
        return result is true;
    }

    private static object? ToCel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToCel(p.Value)),
        JsonArray array => array.Select(ToCel).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var whole) => whole,
            JsonValueKind.Number => value.GetValue<double>(),
            var kind => throw new InvalidOperationException($"Unexpected JSON value {kind}."),
        },
        _ => throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}."),
    };
}
