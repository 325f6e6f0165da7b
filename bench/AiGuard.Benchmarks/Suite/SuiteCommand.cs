namespace AiGuard.Benchmarks.Suite;

/// <summary>The command line that reproduces a scenario, for the report and docs/performance.md.</summary>
internal static class SuiteCommand
{
    public static string For(string arguments) => $"dotnet run -c Release --project bench/AiGuard.Benchmarks -- {arguments}";
}
