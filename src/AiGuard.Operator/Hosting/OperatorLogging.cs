using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorLogging builds the operator's Serilog logger: one JSON object per line for log collectors
/// (<see cref="OperatorJsonFormatter"/>), text for terminals.
/// </summary>
public static class OperatorLogging
{
    /// <summary>JSON when <paramref name="format"/> says so, or when it is Auto and the operator runs in a cluster.</summary>
    public static bool UsesJson(LogFormat format, bool inCluster) => format == LogFormat.Json || (format == LogFormat.Auto && inCluster);

    /// <summary>Creates a logger writing to standard output (JSON) or the console (text), or to <paramref name="output"/> when given.</summary>
    public static Serilog.Core.Logger Create(LogFormat format, bool inCluster, LogEventLevel minimum = LogEventLevel.Information, TextWriter? output = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            // Kestrel and HttpClient are chatty at Information (every probe and API call); their warnings still show.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        const string Text = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext:l}: {Message:lj}{NewLine}{Exception}";
        var json = UsesJson(format, inCluster);
        configuration = output is null
            ? json
                ? configuration.WriteTo.Console(new OperatorJsonFormatter())
                : configuration.WriteTo.Console(outputTemplate: Text, formatProvider: CultureInfo.InvariantCulture)
            : configuration.WriteTo.Sink(new TextWriterSink(
                json ? new OperatorJsonFormatter() : new MessageTemplateTextFormatter(Text, CultureInfo.InvariantCulture), output));
        return configuration.CreateLogger();
    }
}
