namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// SuiteRunner is the entry of the separate-process scenarios: one per name (<c>cold 10000</c>, <c>idle 600</c>,
/// <c>churn</c>, <c>policy 5000</c>, <c>drift 1000</c>, <c>disrupt</c>, <c>failover</c>, <c>soak 1800</c>) or
/// <c>suite</c> for all of them at the issue's sizes (<c>suite --smoke</c>: small sizes that prove each one works).
/// Each scenario starts its own sandbox and operator processes and kills them when it ends.
/// </summary>
internal static class SuiteRunner
{
    private static readonly Dictionary<string, Func<SuiteOptions, Task<ScenarioResult>>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cold"] = ColdScenario.RunAsync,
        ["idle"] = IdleScenario.RunAsync,
        ["churn"] = ChurnScenario.RunAsync,
        ["policy"] = PolicyScenario.RunAsync,
        ["drift"] = DriftScenario.RunAsync,
        ["disrupt"] = DisruptScenario.RunAsync,
        ["failover"] = FailoverScenario.RunAsync,
        ["soak"] = SoakScenario.RunAsync,
    };

    // The issue's figures, then the smoke sizes (shared busy machines: smaller fleets, shorter windows).
    private static readonly (string Name, string[] Args)[] Full =
    [
        ("cold", ["1000"]), ("cold", ["10000"]), ("idle", ["600", "--models", "10000"]), ("churn", ["60", "--rate", "100"]),
        ("policy", ["5000"]), ("drift", ["1000"]), ("disrupt", ["60"]), ("failover", ["1000"]), ("soak", ["1800"]),
    ];

    private static readonly (string Name, string[] Args)[] Smoke =
    [
        ("cold", ["1000"]), ("idle", ["30", "--models", "500"]), ("churn", ["20", "--rate", "20", "--models", "500"]),
        ("policy", ["1000"]), ("drift", ["200", "--models", "500"]), ("disrupt", ["30", "--models", "500"]),
        ("failover", ["500", "--rate", "10"]), ("soak", ["120", "--models", "500"]),
    ];

    /// <summary>The benchmark names this runner answers, for Program's table.</summary>
    public static IEnumerable<(string Name, Func<string[], Task<int>> Run)> Entries =>
        Scenarios.Keys.Select(name => (name, (Func<string[], Task<int>>)(args => RunAsync(name, args))))
            .Append(("suite", RunSuiteAsync));

    private static async Task<int> RunAsync(string name, string[] args)
    {
        if (SuiteOptions.Parse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine($"{name}: {error}{Environment.NewLine}usage: AiGuard.Benchmarks {name} {SuiteOptions.Usage}");
            return 2;
        }

        return await RunAllAsync([(name, options)], options.JsonPath);
    }

    private static async Task<int> RunSuiteAsync(string[] args)
    {
        var smoke = args.Contains("--smoke");
        if (SuiteOptions.Parse([.. args.Where(a => a != "--smoke")], out var error) is not { } common || common.Size is not null)
        {
            Console.Error.WriteLine($"suite: {error ?? "takes no size"}{Environment.NewLine}usage: AiGuard.Benchmarks suite [--smoke] [--json FILE]");
            return 2;
        }

        var plan = (smoke ? Smoke : Full).Select(s => (s.Name, SuiteOptions.Parse(s.Args, out _)! with { JsonPath = common.JsonPath })).ToList();
        return await RunAllAsync(plan, common.JsonPath);
    }

    private static async Task<int> RunAllAsync(IReadOnlyList<(string Name, SuiteOptions Options)> plan, string? json)
    {
        var machine = MachineInfo.Read();
        Console.WriteLine($"machine: {machine}");
        var results = new List<ScenarioResult>();
        foreach (var (name, options) in plan)
        {
            Console.WriteLine();
            try
            {
                results.Add(await Scenarios[name](options));
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or k8s.Autorest.HttpOperationException)
            {
                var failed = new ScenarioResult(name, SuiteCommand.For(name));
                results.Add(failed.Fail($"{e.GetType().Name}: {e.Message}"));
            }
        }

        SuiteReport.PrintTable(results);
        var loadAfter = MachineInfo.LoadAverageNow();
        Console.WriteLine($"load average before {machine.LoadAverage}, after {loadAfter}");
        if (json is not null)
        {
            await SuiteReport.WriteJsonAsync(json, machine, loadAfter, results);
        }

        return results.All(r => r.Completed && r.Figures.All(f => f.Met != false)) ? 0 : 1;
    }
}
