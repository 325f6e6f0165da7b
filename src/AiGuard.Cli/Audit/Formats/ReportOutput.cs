namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// ReportOutput chooses the writer a report goes to. The console's own writer flushes every call through a 256-byte
/// buffer, so a 10,000-model table report (7 MB) took ~96,000 write system calls and a JSON one ~48,000; standard
/// output gets a writer with a 64 KiB buffer instead (~110 calls), in the console's encoding, so the bytes are the same.
/// Any other writer (a test's StringWriter, a file) is used as it is. A closed pipe (<c>| head</c>) drops the rest
/// of the report as the console's writer does: the stream is the console's own kind. The one process that calls
/// <see cref="Console.SetOut"/> and then runs the audit with the default output would see the report on the real
/// standard output; no entry point of aiguard does.
/// </summary>
public static class ReportOutput
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>
    /// A writer for <paramref name="output"/>: <paramref name="output"/> itself, or, when it is the console, a
    /// buffered writer on standard output that the caller must flush (see <see cref="Finish"/>).
    /// </summary>
    public static TextWriter For(TextWriter output)
    {
        if (!ReferenceEquals(output, Console.Out))
        {
            return output;
        }
        // The console's stream cannot seek, so no byte-order mark is written, as the console's writer writes none.
        return new StreamWriter(Console.OpenStandardOutput(), Console.Out.Encoding, BufferBytes)
        {
            NewLine = output.NewLine,
        };
    }

    /// <summary>
    /// Flushes and closes what <see cref="For"/> returned if it is a writer of its own (its stream is a duplicate of
    /// standard output's descriptor, so the console stays usable); leaves <paramref name="output"/> alone.
    /// </summary>
    public static void Finish(TextWriter writer, TextWriter output)
    {
        if (!ReferenceEquals(writer, output))
        {
            writer.Dispose();
        }
    }
}
