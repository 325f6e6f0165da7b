using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// SuiteOptions are a scenario's command line: one optional positional size (models, seconds or deletes, per
/// scenario) and flags. Defaults are the figures; smaller values make a smoke run.
/// </summary>
internal sealed record SuiteOptions
{
    public const string Usage =
        "[size] [--models N] [--seconds S] [--rate PER_S] [--workers N] [--lease-duration S] [--wait-limit S] [--warm-up N] [--json FILE]";

    /// <summary>The positional argument: models (cold, policy), seconds (idle, churn, disrupt, soak), deletes (drift).</summary>
    public double? Size { get; init; }

    public int? Models { get; init; }

    public double? Seconds { get; init; }

    public double? Rate { get; init; }

    /// <summary>The operator's --workers, and the floor's first concurrency. Default: the operator's own default on this machine.</summary>
    public int Workers { get; init; } = AiGuard.Operator.Hosting.OperatorOptions.DefaultWorkers(Environment.ProcessorCount);

    public LeaseTimings Lease { get; init; } = LeaseTimings.Default;

    /// <summary>How long any convergence may take before the scenario reports a failure. Default 10 minutes.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(10);

    public string? JsonPath { get; init; }

    /// <summary>cold: models converged before the measured ones arrive, so the operator's start-up (its JIT) is paid first.</summary>
    public int WarmUp { get; init; }

    /// <summary>Parses the arguments after the scenario name; null with a message naming the bad argument.</summary>
    public static SuiteOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var options = new SuiteOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (options.Size is not null || !TryPositive(arg, out var size))
                {
                    error = $"unexpected argument \"{arg}\": expected one positive size";
                    return null;
                }

                options = options with { Size = size };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{arg}: missing value";
                return null;
            }

            var value = args[++i];
            if (arg == "--json")
            {
                options = options with { JsonPath = value };
                continue;
            }

            if (!TryPositive(value, out var number))
            {
                error = $"{arg}: expected a positive number, got \"{value}\"";
                return null;
            }

            options = arg switch
            {
                "--models" => options with { Models = (int)number },
                "--seconds" => options with { Seconds = number },
                "--rate" => options with { Rate = number },
                "--workers" => options with { Workers = (int)number },
                "--lease-duration" => options with
                {
                    Lease = new LeaseTimings(TimeSpan.FromSeconds(number), TimeSpan.FromSeconds(number * 2 / 3), TimeSpan.FromSeconds(Math.Max(0.2, number / 7.5))),
                },
                "--wait-limit" => options with { WaitLimit = TimeSpan.FromSeconds(number) },
                "--warm-up" => options with { WarmUp = (int)number },
                _ => null!,
            };
            if (options is null)
            {
                error = $"unknown option {arg}";
                return null;
            }
        }

        return options;
    }

    private static bool TryPositive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && value < 1e9;
}
