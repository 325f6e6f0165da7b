using System.Text.Json;
using AiGuard.Operator.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class OperatorJsonFormatterTests
{
    [Fact]
    public void Writes_time_level_rendered_message_template_exception_and_properties_at_the_top_level()
    {
        var line = Format(LogEventLevel.Information, "{Controller}: started {Workers} workers",
            new InvalidOperationException("boom"), ("Controller", "modeldeployments"), ("Workers", 4), ("namespace", "ml-prod"));
        var e = JsonDocument.Parse(line).RootElement;

        Assert.Equal("2025-01-02T03:04:05.0000000Z", e.GetProperty("@t").GetString());
        Assert.Equal("Information", e.GetProperty("@l").GetString());
        Assert.Equal("modeldeployments: started 4 workers", e.GetProperty("@m").GetString());
        Assert.Equal("{Controller}: started {Workers} workers", e.GetProperty("@mt").GetString());
        Assert.Contains("boom", e.GetProperty("@x").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, e.GetProperty("Workers").GetInt32());
        Assert.Equal("ml-prod", e.GetProperty("namespace").GetString());
    }

    [Fact]
    public void A_value_with_newlines_quotes_or_a_fake_level_field_stays_one_line_and_cannot_forge_fields()
    {
        // What a model's spec could smuggle into a logged message: a line break and a forged JSON event.
        const string Hostile = "x\"}\n{\"@l\":\"Fatal\",\"@m\":\"forged\"}\r\u2028";
        var line = Format(LogEventLevel.Warning, "{Key}: {Error}", null, ("Key", "ml-prod/scorer"), ("Error", Hostile), ("@l", "Fatal"));

        Assert.Equal(1, line.Count(c => c == '\n'));
        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        var e = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Warning", e.GetProperty("@l").GetString());
        Assert.Equal(Hostile, e.GetProperty("Error").GetString());
        Assert.Equal("Fatal", e.GetProperty("@@l").GetString()); // a property cannot overwrite the level
        Assert.Contains("forged", e.GetProperty("@m").GetString(), StringComparison.Ordinal);
    }

    private static string Format(LogEventLevel level, string template, Exception? exception, params (string Name, object Value)[] properties)
    {
        var logEvent = new LogEvent(
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), level, exception, new MessageTemplateParser().Parse(template),
            properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));
        using var output = new StringWriter();
        new OperatorJsonFormatter().Format(logEvent, output);
        return output.ToString();
    }
}
