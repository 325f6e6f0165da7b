using System.Runtime.CompilerServices;
using System.Text;
using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Audit;

/// <summary>
/// DocumentPipeline reads one input's documents and prepares each (<see cref="DocumentPreparer"/>), handing them to
/// the caller's thread in input order. A large input is cut into parts (<see cref="YamlChunks"/>) that worker threads
/// parse and prepare in parallel, at most two parts per worker ahead of the caller, so memory stays bounded; the
/// caller sees exactly what a reading in place would give: the same documents, positions and messages, in order.
/// A part that fails to parse is read again in place from its start to the end of the input, so the first malformed
/// document is reported as before, after every document before it.
/// </summary>
public static class DocumentPipeline
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Hands every non-empty document of <paramref name="input"/> to <paramref name="apply"/> on the calling thread, in
    /// order; throws <see cref="YamlSyntaxException"/> at the first malformed document, after the documents before it.
    /// An input kept as UTF-8 bytes is cut in its bytes and each part decoded on its own, so its whole text never exists.
    /// An input kept as <see cref="ManifestInput.Parts"/> is read from its file one part at a time.
    /// With a <paramref name="settler"/>, the parts after its line are settled on the workers (an input read in place
    /// is never settled: the caller does that work itself).
    /// </summary>
    public static void Read(ManifestInput input, AuditParallelism parallelism, Action<PreparedDocument> apply, DocumentSettler? settler = null)
    {
        if (input.Parts is { Chunks.Count: > 1 } parts && parallelism.Workers > 1)
        {
            // Read from the file part by part, each checked against the scan (a changed file is an input error).
            ReadParts(input.DisplayPath, parts.Chunks, parts.Read, parallelism.Workers, apply, settler);
            return;
        }
        if (input.PlainUtf8 is { } bytes && parallelism.Workers > 1 && YamlChunks.Split(bytes, parallelism.ChunkChars) is { Count: > 1 } chunks)
        {
            ReadParts(input.DisplayPath, chunks, (start, length) => Utf8.GetString(bytes, start, length), parallelism.Workers, apply, settler);
            return;
        }
        Read(input.DisplayPath, input.Text, parallelism, apply, settler);
    }

    /// <summary>
    /// Hands every non-empty document of <paramref name="text"/> to <paramref name="apply"/> on the calling thread, in
    /// order; throws <see cref="YamlSyntaxException"/> at the first malformed document, after the documents before it.
    /// </summary>
    public static void Read(string file, string text, AuditParallelism parallelism, Action<PreparedDocument> apply, DocumentSettler? settler = null)
    {
        text = YamlDocumentReader.WithoutByteOrderMarks(text);
        var chunks = parallelism.Workers > 1 ? YamlChunks.Split(text, parallelism.ChunkChars) : [new YamlChunk(0, text.Length, 0)];
        if (chunks.Count == 1)
        {
            ReadInPlace(file, text, 0, apply);
            return;
        }
        ReadParts(file, chunks, text.Substring, parallelism.Workers, apply, settler);
    }

    /// <summary>Reads the parts in parallel; from a part that fails to parse, reads the rest in place.</summary>
    private static void ReadParts(string file, IReadOnlyList<YamlChunk> chunks, Func<int, int, string> text, int workers, Action<PreparedDocument> apply,
        DocumentSettler? settler)
    {
        var failed = ReadInParallel(file, text, chunks, workers, apply, settler);
        if (failed is { } chunk)
        {
            var end = chunks[^1].Start + chunks[^1].Length;
            ReadInPlace(file, text(chunk.Start, end - chunk.Start), chunk.LineOffset, apply);
        }
    }

    private static void ReadInPlace(string file, string text, int lineOffset, Action<PreparedDocument> apply) =>
        YamlDocumentReader.ReadWithoutMarks(text, lineOffset, document =>
        {
            if (DocumentPreparer.Prepare(file, document) is { } prepared)
            {
                apply(prepared);
            }
        });

    /// <summary>Applies the parts in order up to the first that failed to parse, which it returns (null if none did).</summary>
    private static YamlChunk? ReadInParallel(string file, Func<int, int, string> text, IReadOnlyList<YamlChunk> chunks, int workers, Action<PreparedDocument> apply,
        DocumentSettler? settler)
    {
        // Parts after the one holding the settler's line hold only settled documents; none is settled before that
        // part is applied. Parts are taken in order, so that part never waits for a later one: no deadlock.
        var lastContextPart = settler is null ? chunks.Count : LastPartStartingBefore(chunks, settler.AfterLine);
        using var contextApplied = new ManualResetEventSlim(lastContextPart < 0);
        var work = new PartWork(file, text, chunks, settler, lastContextPart, contextApplied);
        var parts = new TaskCompletionSource<List<PreparedDocument>?>[chunks.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = new TaskCompletionSource<List<PreparedDocument>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        using var window = new SemaphoreSlim(2 * workers);
        using var stop = new CancellationTokenSource();
        var next = new StrongBox<int>(-1);
        var tasks = new Task[Math.Min(workers, chunks.Count)];
        for (var w = 0; w < tasks.Length; w++)
        {
            tasks[w] = Task.Run(() => Work(work, parts, window, next, stop.Token));
        }
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                var documents = parts[i].Task.GetAwaiter().GetResult();
                if (documents is null)
                {
                    return chunks[i];
                }
                // Applied documents are garbage now (a settled model keeps only its result): hold none of them here.
                parts[i] = null!;
                for (var d = 0; d < documents.Count; d++)
                {
                    apply(documents[d]);
                    documents[d] = null!;
                }
                if (i == lastContextPart)
                {
                    contextApplied.Set();
                }
                window.Release();
            }
            return null;
        }
        finally
        {
            // On a failed part, or an exception from apply, the workers stop at their next part.
            stop.Cancel();
            Task.WaitAll(tasks);
        }
    }

    /// <summary>The index of the last part whose first line is at or before <paramref name="line"/>, or -1.</summary>
    private static int LastPartStartingBefore(IReadOnlyList<YamlChunk> chunks, int line)
    {
        var last = -1;
        for (var i = 0; i < chunks.Count && chunks[i].LineOffset < line; i++)
        {
            last = i;
        }
        return last;
    }

    /// <summary>What every worker shares: the input, its parts, and when settling may start.</summary>
    private sealed record PartWork(string File, Func<int, int, string> Text, IReadOnlyList<YamlChunk> Chunks, DocumentSettler? Settler,
        int LastContextPart, ManualResetEventSlim ContextApplied);

    private static void Work(PartWork work, TaskCompletionSource<List<PreparedDocument>?>[] parts, SemaphoreSlim window, StrongBox<int> next,
        CancellationToken stop)
    {
        while (true)
        {
            // A slot first, then the next part: parts are taken in order, so the one the caller waits for is always taken.
            try
            {
                window.Wait(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var index = Interlocked.Increment(ref next.Value);
            if (index >= work.Chunks.Count)
            {
                return;
            }
            var chunk = work.Chunks[index];
            var documents = new List<PreparedDocument>();
            try
            {
                YamlDocumentReader.ReadWithoutMarks(work.Text(chunk.Start, chunk.Length), chunk.LineOffset, document =>
                {
                    if (DocumentPreparer.Prepare(work.File, document) is { } prepared)
                    {
                        documents.Add(prepared);
                    }
                });
                if (work.Settler is { } settler && index > work.LastContextPart)
                {
                    work.ContextApplied.Wait(stop);
                    for (var d = 0; d < documents.Count; d++)
                    {
                        documents[d] = settler.Settle(documents[d]);
                    }
                }
                parts[index].SetResult(documents);
            }
            catch (YamlSyntaxException)
            {
                parts[index].SetResult(null);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                parts[index].SetException(e);
            }
        }
    }
}
