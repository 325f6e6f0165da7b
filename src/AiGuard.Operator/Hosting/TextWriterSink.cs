using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace AiGuard.Operator.Hosting;

/// <summary>Writes formatted events to a <see cref="TextWriter"/> (a file or a test's buffer) one at a time, flushing each line.</summary>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
