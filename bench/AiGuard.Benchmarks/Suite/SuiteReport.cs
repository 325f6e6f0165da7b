using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// SuiteReport prints the scenarios' figures as one table and writes them as JSON (with the machine, the load
/// average before and after, and each scenario's command) so docs/performance.md can quote a run exactly.
/// </summary>
internal static class SuiteReport
{
    public static void PrintTable(IReadOnlyList<ScenarioResult> results)
    {
        var rows = results.SelectMany(r => r.Figures.Select(f => (r.Scenario, f))).ToList();
        var widths = (
            Scenario: Math.Max(8, rows.Select(r => r.Scenario.Length).DefaultIfEmpty(0).Max()),
            Name: Math.Max(6, rows.Select(r => r.f.Name.Length).DefaultIfEmpty(0).Max()),
            Value: Math.Max(5, rows.Select(r => Value(r.f).Length).DefaultIfEmpty(0).Max()));
        Console.WriteLine();
        Console.WriteLine($"{"scenario".PadRight(widths.Scenario)}  {"figure".PadRight(widths.Name)}  {"value".PadLeft(widths.Value)}  target");
        Console.WriteLine(new string('-', widths.Scenario + widths.Name + widths.Value + 16));
        foreach (var (scenario, figure) in rows)
        {
            var target = figure.Target is null ? "" : $"{figure.Target} {(figure.Met == true ? "met" : "NOT met")}";
            Console.WriteLine($"{scenario.PadRight(widths.Scenario)}  {figure.Name.PadRight(widths.Name)}  {Value(figure).PadLeft(widths.Value)}  {target}");
        }

        foreach (var failed in results.Where(r => !r.Completed))
        {
            Console.WriteLine($"{failed.Scenario}: did NOT complete: {string.Join("; ", failed.Notes)}");
        }
    }

    public static async Task WriteJsonAsync(string path, MachineInfo machine, string loadAfter, IReadOnlyList<ScenarioResult> results)
    {
        var json = new JsonObject
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = new JsonObject
            {
                ["cores"] = machine.Cores,
                ["memoryGiB"] = Math.Round(machine.MemoryGib, 1),
                ["runtime"] = machine.Runtime,
                ["os"] = machine.Os,
                ["loadAverageBefore"] = machine.LoadAverage,
                ["loadAverageAfter"] = loadAfter,
            },
            ["scenarios"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["scenario"] = r.Scenario,
                ["command"] = r.Command,
                ["completed"] = r.Completed,
                ["figures"] = new JsonArray(r.Figures.Select(f => (JsonNode)new JsonObject
                {
                    ["name"] = f.Name,
                    ["value"] = Math.Round(f.Value, 4),
                    ["unit"] = f.Unit,
                    ["target"] = f.Target,
                    ["met"] = f.Met,
                }).ToArray()),
                ["notes"] = new JsonArray(r.Notes.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
            }).ToArray()),
        };
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"figures written to {path}");
    }

    private static string Value(Figure figure) => string.Create(CultureInfo.InvariantCulture, $"{figure.Value:0.###} {figure.Unit}");
}
