using System.Diagnostics;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// CliLocator finds the built <c>aiguard.dll</c> (src/AiGuard.Cli/bin/Release/net10.0) and builds it once when it is
/// missing, so the suite always runs the real executable as its own process (or the one AIGUARD_BENCH_DLL names).
/// </summary>
internal static class CliLocator
{
    public static async Task<string> FindOrBuildAsync()
    {
        // AIGUARD_BENCH_DLL measures another build of the same sources: a framework-dependent aiguard.dll, or the
        // executable of a self-contained publish (scripts/publish-cli.sh, or the image's).
        if (Environment.GetEnvironmentVariable("AIGUARD_BENCH_DLL") is { Length: > 0 } other)
        {
            return File.Exists(other) ? Path.GetFullPath(other) : throw new FileNotFoundException($"AIGUARD_BENCH_DLL names no file: {other}");
        }

        var root = BenchCluster.RepositoryRoot();
        var dll = Path.Combine(root, "src", "AiGuard.Cli", "bin", "Release", "net10.0", "aiguard.dll");
        if (File.Exists(dll))
        {
            return dll;
        }

        Console.WriteLine($"building {Path.GetRelativePath(root, dll)} (missing)...");
        var build = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in new[] { "build", Path.Combine(root, "src", "AiGuard.Cli"), "-c", "Release", "-v", "quiet", "-nologo" })
        {
            build.ArgumentList.Add(argument);
        }

        using var process = Process.Start(build) ?? throw new InvalidOperationException("could not start dotnet build");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException($"dotnet build src/AiGuard.Cli -c Release failed (exit {process.ExitCode}); build it by hand and retry");
        }

        return dll;
    }

    /// <summary>The words that start <paramref name="cli"/>: <c>dotnet aiguard.dll</c>, or a self-contained publish's own executable.</summary>
    public static IReadOnlyList<string> Launch(string cli) =>
        cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", cli] : [cli];
}
