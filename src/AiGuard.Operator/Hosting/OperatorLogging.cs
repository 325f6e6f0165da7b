using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace AiGuard.Operator.Hosting;

/// <summary>OperatorLogging builds the operator's Serilog logger: compact JSON for log collectors, text for terminals.</summary>
public static class OperatorLogging
{
    /// <summary>JSON when <paramref name="format"/> says so, or when it is Auto and the operator runs in a cluster.</summary>
    public static bool UsesJson(LogFormat format, bool inCluster) => format == LogFormat.Json || (format == LogFormat.Auto && inCluster);

    /// <summary>Creates a logger writing to standard output (JSON) or the console (text).</summary>
    public static Serilog.Core.Logger Create(LogFormat format, bool inCluster, LogEventLevel minimum = LogEventLevel.Information)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            // Kestrel and HttpClient are chatty at Information (every probe and API call); their warnings still show.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        configuration = UsesJson(format, inCluster)
            ? configuration.WriteTo.Console(new CompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext:l}: {Message:lj}{NewLine}{Exception}");
        return configuration.CreateLogger();
    }
}
