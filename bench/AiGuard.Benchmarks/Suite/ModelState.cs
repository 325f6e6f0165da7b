using System.Text.Json;

namespace AiGuard.Benchmarks.Suite;

/// <summary>What the suite tracks of a ModelDeployment: its generation and the status the operator reported for it.</summary>
internal sealed record ModelState(long Generation, long ObservedGeneration, string? Phase)
{
    public const string Path = "/apis/aiguard.io/v1alpha1/modeldeployments";

    public bool IsSettled(string expectedPhase) => Phase == expectedPhase && ObservedGeneration == Generation;

    public static ModelState From(JsonElement item)
    {
        var generation = item.GetProperty("metadata").TryGetProperty("generation", out var g) ? g.GetInt64() : 0;
        if (!item.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
        {
            return new ModelState(generation, 0, null);
        }

        return new ModelState(
            generation,
            status.TryGetProperty("observedGeneration", out var observed) ? observed.GetInt64() : 0,
            status.TryGetProperty("phase", out var phase) ? phase.GetString() : null);
    }
}
