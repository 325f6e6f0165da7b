namespace AiGuard.Benchmarks.Suite;

/// <summary>One measured figure of a scenario, with the target when it has one and whether it was met.</summary>
internal sealed record Figure(string Name, double Value, string Unit, string? Target = null, bool? Met = null);
