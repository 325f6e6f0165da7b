using System.Diagnostics;
using System.Globalization;
using AiGuard.Benchmarks.Suite;

namespace AiGuard.Benchmarks;

/// <summary>
/// AuditProcessBenchmark measures what a user runs: the whole <c>aiguard audit FILE</c> process (runtime start, JIT,
/// schema compilation, the audit, the report to a pipe) on the file <see cref="AuditBenchmark"/> generates, several
/// rounds, under <c>/usr/bin/time</c>. It prints each round, then the medians as a table and optionally JSON, in the
/// suite's style. Options: [N, default 10000] [--compact: the issue's ~480 B models] [--rounds R, default 5]
/// [--format table|json|..., default table, as a user types it] [--json PATH]. The aiguard build is the one the suite
/// runs (<see cref="CliLocator"/>: src/AiGuard.Cli's Release build, or AIGUARD_BENCH_DLL).
/// </summary>
internal static class AuditProcessBenchmark
{
    private const string Time = "/usr/bin/time";
    private const double TargetPerSecond = 5000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && !args[0].StartsWith('-') ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var compact = args.Contains("--compact");
        var rounds = Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        var format = Option(args, "--format") ?? "table";
        var jsonPath = Option(args, "--json");
        if (!File.Exists(Time))
        {
            Console.Error.WriteLine($"audit-process: {Time} is missing; it measures each round's CPU and max RSS (install the 'time' package)");
            return 2;
        }

        var dll = await CliLocator.FindOrBuildAsync();
        var machine = MachineInfo.Read();
        var directory = Directory.CreateTempSubdirectory("aiguard-audit-process-");
        try
        {
            var file = Path.Combine(directory.FullName, compact ? "models-compact.yaml" : "models.yaml");
            await File.WriteAllTextAsync(file, AuditBenchmark.Manifests(count, compact));
            var inputBytes = new FileInfo(file).Length;
            string[] audit = ["audit", file, "--now", "2026-11-25T10:00:00Z", "--format", format];
            var command = $"dotnet run -c Release --project bench/AiGuard.Benchmarks -- audit-process {count}{(compact ? " --compact" : "")} --rounds {rounds} --format {format}";
            Console.WriteLine($"audit-process: {machine}");
            Console.WriteLine($"audit-process: {rounds} rounds of `{string.Join(' ', CliLocator.Launch(dll).Select(Path.GetFileName))} {string.Join(' ', audit[..1])} <{count} models, {inputBytes / 1024.0 / 1024.0:F1} MiB> {string.Join(' ', audit[2..])}`");

            var runs = new List<Round>();
            for (var round = 1; round <= rounds; round++)
            {
                var load = MachineInfo.LoadAverageNow();
                var measured = await RunOnce(dll, audit, Path.Combine(directory.FullName, "time.txt"));
                if (measured is null)
                {
                    return 1;
                }
                runs.Add(measured);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   round {round}: {measured.Wall:F2} s wall ({count / measured.Wall:F0} models/s), {measured.Cpu:F2} CPU-s, max RSS {measured.MaxRssMib:F1} MiB, exit {measured.ExitCode}, load {load}"));
            }

            var result = new ScenarioResult($"audit-process {count}{(compact ? " compact" : "")}", command);
            var wall = Median(runs.Select(x => x.Wall));
            var perSecond = count / wall;
            result.Add("wall, median", wall, "s");
            result.Add("wall, fastest round", runs.Min(x => x.Wall), "s");
            result.Add("wall, slowest round", runs.Max(x => x.Wall), "s");
            result.Add("models/s, median wall", perSecond, "/s", $">= {TargetPerSecond:F0}", perSecond >= TargetPerSecond);
            result.Add("models/s, best round", count / runs.Min(x => x.Wall), "/s");
            result.Add("CPU user+sys, median", Median(runs.Select(x => x.Cpu)), "s");
            result.Add("max RSS, median", Median(runs.Select(x => x.MaxRssMib)), "MiB");
            result.Add("input", inputBytes / 1024.0 / 1024.0, "MiB");
            result.Note("the whole process: runtime start, JIT, CRD schema and CEL compilation, the audit and the report to a pipe; "
                + "on a shared machine wall includes waiting for a core (see the load average per round)");
            SuiteReport.PrintTable([result]);
            if (jsonPath is not null)
            {
                await SuiteReport.WriteJsonAsync(jsonPath, machine, MachineInfo.LoadAverageNow(), [result]);
            }
            return runs.All(x => x.ExitCode is 0 or 1) ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>One <c>aiguard audit</c> under /usr/bin/time, its report read from the pipe and discarded.</summary>
    private static async Task<Round?> RunOnce(string dll, string[] audit, string timeFile)
    {
        var start = new ProcessStartInfo(Time)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", "%e %U %S %M", "-o", timeFile, .. CliLocator.Launch(dll), .. audit])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Time}");
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        // time exits with the command's exit code: 0 pass, 1 findings at --fail-on (the generated file has some).
        if (process.ExitCode is not (0 or 1))
        {
            Console.Error.WriteLine($"audit-process: aiguard audit exited {process.ExitCode}: {await stderr}");
            return null;
        }
        var fields = (await File.ReadAllLinesAsync(timeFile)).Last().Split(' ');
        double Field(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return new Round(Field(0), Field(1) + Field(2), Field(3) / 1024, process.ExitCode);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Round(double Wall, double Cpu, double MaxRssMib, int ExitCode);
}
