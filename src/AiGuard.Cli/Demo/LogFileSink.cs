using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace AiGuard.Cli.Demo;

/// <summary>Writes the demo operator's log lines to a file, so the terminal shows only the demo's own progress.</summary>
internal sealed class LogFileSink(string path) : ILogEventSink, IDisposable
{
    private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    private readonly MessageTemplateTextFormatter _formatter = new(
        "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}", System.Globalization.CultureInfo.InvariantCulture);
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _formatter.Format(logEvent, _writer);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}
