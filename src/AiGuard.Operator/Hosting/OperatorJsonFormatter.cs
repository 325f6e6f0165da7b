using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorJsonFormatter writes one JSON object per event for log collectors. It keeps Serilog's compact field names
/// (<c>@t</c>, <c>@mt</c>, <c>@x</c>, properties at the top level) but, unlike CompactJsonFormatter, always writes the
/// level <c>@l</c> (compact omits Information) and the rendered message <c>@m</c>, so a collector needs no Serilog
/// knowledge to show a line or filter by level. Properties (including a reconcile's <c>namespace</c> and <c>name</c>
/// scope) follow; one that clashes with an <c>@</c> field is written with a second <c>@</c>.
/// </summary>
public sealed class OperatorJsonFormatter : ITextFormatter
{
    private static readonly JsonValueFormatter Values = new(typeTagName: "$type");

    // Strings rendered without quotes (":l"), as the console shows them: "reconcile of ml-prod/scorer failed".
    private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@l\":\"");
        output.Write(logEvent.Level);
        output.Write("\",\"@m\":");
        using (var message = new StringWriter(CultureInfo.InvariantCulture))
        {
            Message.Format(logEvent, message);
            JsonValueFormatter.WriteQuotedJsonString(message.ToString(), output);
        }

        output.Write(",\"@mt\":");
        JsonValueFormatter.WriteQuotedJsonString(logEvent.MessageTemplate.Text, output);
        if (logEvent.Exception is { } exception)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(exception.ToString(), output);
        }

        foreach (var (name, value) in logEvent.Properties)
        {
            output.Write(',');
            JsonValueFormatter.WriteQuotedJsonString(name.StartsWith('@') ? "@" + name : name, output);
            output.Write(':');
            Values.Format(value, output);
        }

        output.Write('}');
        output.Write('\n');
    }
}
