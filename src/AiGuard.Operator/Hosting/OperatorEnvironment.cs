using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorEnvironment reads <see cref="OperatorOptions"/> from configuration whose keys are the environment
/// variable names without the <c>AIGUARD_</c> prefix (<c>WORKERS</c>, <c>LEADER_ELECT</c>, <c>NAMESPACES</c>), as
/// <c>AddEnvironmentVariables("AIGUARD_")</c> produces them. The names are mapped explicitly, not by the reflection
/// binder, because environment names are SCREAMING_SNAKE_CASE and a bad value must name its variable.
/// </summary>
public static class OperatorEnvironment
{
    /// <summary>The prefix of every operator environment variable.</summary>
    public const string Prefix = "AIGUARD_";

    /// <summary>Reads the environment variables of this process.</summary>
    public static OperatorOptions FromEnvironment(OperatorOptions? defaults = null) =>
        Read(new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build(), defaults);

    /// <summary>
    /// Applies the values present in <paramref name="configuration"/> over <paramref name="defaults"/>.
    /// Throws <see cref="OperatorConfigurationException"/> naming the variable when a value does not parse.
    /// </summary>
    public static OperatorOptions Read(IConfiguration configuration, OperatorOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = defaults ?? new OperatorOptions();
        string? Value(string name) => configuration[name] is { Length: > 0 } v ? v.Trim() : null;

        if (Value("KUBECONFIG") is { } kubeconfig)
        {
            options = options with { Kubeconfig = kubeconfig };
        }

        if (Value("NAMESPACES") is { } namespaces)
        {
            options = options with { Namespaces = SplitList(namespaces) };
        }

        if (Value("LEADER_ELECT") is { } leaderElect)
        {
            options = options with { LeaderElect = ParseBool("LEADER_ELECT", leaderElect) };
        }

        if (Value("LEASE_NAME") is { } leaseName)
        {
            options = options with { LeaseName = leaseName };
        }

        if (Value("WORKERS") is { } workers)
        {
            options = options with { Workers = ParseInt("WORKERS", workers) };
        }

        if (Value("OPERATOR_NAMESPACE") is { } operatorNamespace)
        {
            options = options with { OperatorNamespace = operatorNamespace };
        }

        if (Value("HEALTH_PORT") is { } healthPort)
        {
            options = options with { HealthPort = ParseInt("HEALTH_PORT", healthPort) };
        }

        if (Value("METRICS_PORT") is { } metricsPort)
        {
            options = options with { MetricsPort = ParseInt("METRICS_PORT", metricsPort) };
        }

        if (Value("BIND_ADDRESS") is { } bind)
        {
            options = options with { BindAddress = bind };
        }

        if (Value("LOG_FORMAT") is { } format)
        {
            options = options with { LogFormat = ParseLogFormat(format, Prefix + "LOG_FORMAT") };
        }

        if (Value("LEASE_DURATION") is { } lease)
        {
            options = options with { LeaseDuration = ParseDuration("LEASE_DURATION", lease) };
        }

        if (Value("RENEW_DEADLINE") is { } renew)
        {
            options = options with { RenewDeadline = ParseDuration("RENEW_DEADLINE", renew) };
        }

        if (Value("RETRY_PERIOD") is { } retry)
        {
            options = options with { RetryPeriod = ParseDuration("RETRY_PERIOD", retry) };
        }

        if (Value("SHUTDOWN_TIMEOUT") is { } shutdown)
        {
            options = options with { ShutdownTimeout = ParseDuration("SHUTDOWN_TIMEOUT", shutdown) };
        }

        if (Value("KEY_RELOAD_INTERVAL") is { } reload)
        {
            options = options with { KeyReloadInterval = ParseDuration("KEY_RELOAD_INTERVAL", reload) };
        }

        if (Value("INVENTORY_SCAN_INTERVAL") is { } scan)
        {
            options = options with { InventoryScanInterval = ParseDuration("INVENTORY_SCAN_INTERVAL", scan) };
        }

        return options;
    }

    /// <summary>Splits a comma- or whitespace-separated list, dropping empty entries and duplicates.</summary>
    public static IReadOnlyList<string> SplitList(string value) =>
        value.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Parses <c>json</c>, <c>console</c> or <c>auto</c> (any case).</summary>
    public static LogFormat ParseLogFormat(string value, string source) =>
        value.Trim().ToLowerInvariant() switch
        {
            "json" => LogFormat.Json,
            "console" or "text" => LogFormat.Console,
            "auto" => LogFormat.Auto,
            _ => throw new OperatorConfigurationException($"{source} must be json, console or auto, got '{value}'"),
        };

    /// <summary>Parses a Go-style duration (<c>500ms</c>, <c>15s</c>, <c>2m</c>, <c>1h</c>) or a .NET TimeSpan (<c>00:00:15</c>).</summary>
    public static bool TryParseDuration(string value, out TimeSpan duration)
    {
        value = value.Trim();
        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scale) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0
                // Out of TimeSpan's range (1e400s, Infinityms) is a bad value, not an OverflowException.
                && number * scale <= TimeSpan.MaxValue.TotalMilliseconds)
            {
                duration = TimeSpan.FromMilliseconds(number * scale);
                return true;
            }
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration);
    }

    private static TimeSpan ParseDuration(string name, string value) =>
        TryParseDuration(value, out var duration)
            ? duration
            : throw new OperatorConfigurationException($"{Prefix}{name} must be a duration such as 500ms, 15s or 2m, got '{value}'");

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new OperatorConfigurationException($"{Prefix}{name} must be a whole number, got '{value}'");

    private static bool ParseBool(string name, string value) =>
        value.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new OperatorConfigurationException($"{Prefix}{name} must be true or false, got '{value}'"),
        };
}
