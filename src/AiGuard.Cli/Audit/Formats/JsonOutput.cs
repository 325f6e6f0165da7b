using System.Text;
using System.Text.Json;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// JsonOutput lets a report writer use <see cref="Utf8JsonWriter"/> on a <see cref="TextWriter"/> without holding
/// the whole document in memory: <see cref="Drain"/> after each result moves the finished bytes to the text writer.
/// </summary>
public sealed class JsonOutput : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly TextWriter _output;

    public JsonOutput(TextWriter output)
    {
        _output = output;
        Json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOptions.Encoder });
    }

    public Utf8JsonWriter Json { get; }

    /// <summary>Writes everything produced so far; only whole tokens are flushed, so no character is split.</summary>
    public void Drain()
    {
        Json.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _buffer.SetLength(0);
    }

    /// <summary>Drains the rest and ends the document with a newline.</summary>
    public void Complete()
    {
        Drain();
        _output.WriteLine();
    }

    public void Dispose()
    {
        Json.Dispose();
        _buffer.Dispose();
    }
}
