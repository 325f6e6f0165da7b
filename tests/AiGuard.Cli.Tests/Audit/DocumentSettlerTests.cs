using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// Documents after the last line that could define context are settled (evaluated) on the worker threads; none may
/// be settled before the caller has applied every document up to that line, and the caller still applies every
/// document once, in input order.
/// </summary>
public sealed class DocumentSettlerTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Documents_are_settled_on_the_workers_only_after_every_document_up_to_the_context_line_is_applied(int workers)
    {
        // 60 one-line documents: the first starts at line 1, document i at its "---" on line 2i; the context line
        // is the content of document 19 (line 39), so documents 0-19 must be applied before any is settled.
        var text = string.Join("---\n", Enumerable.Range(0, 60).Select(i => $"kind: Thing{i}\n"));
        const int contextLine = 39;
        var appliedLines = new List<int>();
        var applied = 0;
        var early = new List<int>();
        var settledLines = new List<int>();
        var settler = new DocumentSettler(contextLine, document =>
        {
            if (Volatile.Read(ref applied) < 20)
            {
                lock (early)
                {
                    early.Add(document.Start.Line);
                }
            }
            lock (settledLines)
            {
                settledLines.Add(document.Start.Line);
            }
            return document;
        });

        DocumentPipeline.Read("things.yaml", text, new AuditParallelism(workers, 1), document =>
        {
            appliedLines.Add(document.Start.Line);
            Volatile.Write(ref applied, appliedLines.Count);
        }, settler);

        Assert.Empty(early);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => Math.Max(1, 2 * i)), appliedLines);
        Assert.NotEmpty(settledLines);
        Assert.All(settledLines, line => Assert.True(line > contextLine, $"line {line} settled"));
    }
}
