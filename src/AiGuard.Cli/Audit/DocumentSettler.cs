namespace AiGuard.Cli.Audit;

/// <summary>
/// DocumentSettler lets <see cref="DocumentPipeline"/> finish documents on its worker threads once their context is
/// final: every part that starts after line <see cref="AfterLine"/> of the input (the last line that could define a
/// policy, exception or namespace) is handed to <see cref="Settle"/> on its worker, after the caller has applied
/// every part up to that line, so that the caller only identifies and keeps what comes back.
/// </summary>
/// <param name="AfterLine">The last line of the input that could define context; 0 when none can.</param>
/// <param name="Settle">Runs on a worker thread; may read, but never change, what the caller applied before.</param>
public sealed record DocumentSettler(int AfterLine, Func<PreparedDocument, PreparedDocument> Settle);
