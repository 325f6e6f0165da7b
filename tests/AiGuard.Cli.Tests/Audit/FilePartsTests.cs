using System.Text;
using AiGuard.Cli.Audit;
using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// A large plain UTF-8 input is scanned once and read again one part at a time (<see cref="FileParts"/>): the scan must
/// find exactly the parts and the last context line that the whole bytes give, and a file that changes between the
/// scan and the parse must be an input error naming it, never a report.
/// </summary>
public sealed class FilePartsTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, int> Streams => new()
    {
        { Documents(200), 1 },
        { Documents(200), 500 },
        { Documents(3000), 32 * 1024 },
        // A document start at the very end, without a line break after it.
        { Documents(50) + "---", 100 },
        { Documents(50) + "--- # a comment\n---\n", 100 },
        // A line longer than the scan's block, and a backslash (a context marker) far into it.
        { Documents(20) + "---\nkind: ModelDeployment\nnote: " + new string('x', 150_000) + "\\n\n" + Documents(20), 1000 },
        // Lines that only look like document starts, and characters of two to four bytes.
        { Documents(30) + "---x\n ---\n--\n---\tab\nkey: ünïcødé 🚀\n" + Documents(30), 64 },
        { "kind: Namespace\n", 1 },
        { "", 1 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void The_scan_finds_the_parts_and_context_line_of_the_whole_bytes(string text, int target)
    {
        var path = _dir.Write("in.yaml", text);
        var bytes = Encoding.UTF8.GetBytes(text);

        var parts = FileParts.Scan(path, "in.yaml", target, InputLimits.PerFileBytes);

        Assert.NotNull(parts);
        Assert.Equal(YamlChunks.Split(bytes, target), parts.Chunks);
        Assert.Equal(ContextMarkers.LastLine(bytes), parts.LastContextLine);
        Assert.Equal(text, string.Concat(parts.Chunks.Select(c => parts.Read(c.Start, c.Length))));
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_is_read_without_it()
    {
        var text = Documents(100);
        var path = Path.Combine(_dir.Root, "bom.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var parts = FileParts.Scan(path, "bom.yaml", 300, InputLimits.PerFileBytes);

        Assert.NotNull(parts);
        Assert.Equal(YamlChunks.Split(Encoding.UTF8.GetBytes(text), 300), parts.Chunks);
        Assert.Equal(text, parts.Read(0, text.Length));
    }

    [Theory]
    [InlineData("kind: ModelDeployment\r\n---\r\nkind: ModelDeployment\r\n")]
    [InlineData("kind: ModelDeployment\n---\nname: a\u2028b\n")]
    [InlineData("kind: ModelDeployment\n---\nname: \uFEFFb\n")]
    public void A_file_that_is_not_plain_is_left_to_be_read_whole(string text)
    {
        var path = _dir.Write("crlf.yaml", Documents(40) + text);

        Assert.Null(FileParts.Scan(path, "crlf.yaml", 100, InputLimits.PerFileBytes));
    }

    [Fact]
    public void A_file_over_the_limit_is_left_to_the_bounded_reading()
    {
        var path = _dir.Write("big.yaml", Documents(100));

        Assert.Null(FileParts.Scan(path, "big.yaml", 100, 1000));
    }

    [Theory]
    [InlineData("same length")]
    [InlineData("appended")]
    [InlineData("truncated")]
    public void A_file_changed_after_the_scan_is_an_input_error_naming_it(string change)
    {
        var path = _dir.Write("fleet.yaml", Documents(300));
        var reader = new ManifestInputReader(TextReader.Null, new AuditParallelism(2, 1000));
        var inputs = reader.Read([path]);
        Assert.NotNull(inputs[0].Parts);
        var original = File.ReadAllText(path);
        File.WriteAllText(path, change switch
        {
            // One name in the last part, the file's size unchanged: only the hash can tell.
            "same length" => original.Remove(original.LastIndexOf("model-299", StringComparison.Ordinal), 9).Insert(original.LastIndexOf("model-299", StringComparison.Ordinal), "model-X99"),
            "appended" => original + "---\nkind: GuardPolicy\n",
            _ => original[..(original.Length / 2)],
        });

        var error = Assert.Throws<ManifestLoadException>(() =>
            ManifestLoader.Load(inputs, null, new AuditEvaluator(DateTimeOffset.UnixEpoch), new AuditParallelism(2, 1000)));

        var message = Assert.Single(error.Errors);
        Assert.Equal(path.Replace('\\', '/'), message.File);
        Assert.Contains("changed while it was being audited", message.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unchanged_file_read_in_parts_loads_every_document()
    {
        var path = _dir.Write("fleet.yaml", Documents(300));
        var inputs = new ManifestInputReader(TextReader.Null, new AuditParallelism(2, 1000)).Read([path]);

        var manifests = ManifestLoader.Load(inputs, null, new AuditEvaluator(DateTimeOffset.UnixEpoch), new AuditParallelism(2, 1000));

        Assert.NotNull(inputs[0].Parts);
        Assert.True(inputs[0].Parts!.Chunks.Count > 10);
        Assert.Equal(300, manifests.ModelDeployments.Count + manifests.Settled.Count);
    }

    private static string Documents(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"""
            ---
            apiVersion: aiguard.io/v1alpha1
            kind: ModelDeployment
            metadata:
              name: model-{i}
              namespace: ml-{i % 3}
            spec:
              owner: team@example.com
              riskLevel: limited
              model:
                uri: s3://bucket/model-{i}/model.tar
              serving:
                image: vllm/vllm-openai:v0.6.6
                port: 8000

            """));
}
