using System.Diagnostics;
using System.Text;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// ProcessOutput collects a started child process's stdout and stderr, interleaved line by line as they arrive, so a
/// failing test can show what the process printed up to that moment.
/// </summary>
internal sealed class ProcessOutput
{
    private readonly StringBuilder _lines = new();

    /// <summary>Starts reading both streams of <paramref name="process"/>, which must redirect them and be started.</summary>
    public static ProcessOutput Of(Process process)
    {
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, line) => output.Append(line.Data);
        process.ErrorDataReceived += (_, line) => output.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>Everything printed so far.</summary>
    public string Text
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.AppendLine(line);
        }
    }
}
