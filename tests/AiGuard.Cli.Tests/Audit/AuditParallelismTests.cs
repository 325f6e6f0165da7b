using System.Globalization;
using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// A large input is cut into parts that threads parse and check in parallel (<see cref="DocumentPipeline"/>); the
/// report, the errors and the exit code must be byte for byte those of a reading in place, whatever the part size:
/// same order, same findings, same file:line, the same duplicate reported "already defined at" the same place.
/// </summary>
public sealed class AuditParallelismTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly int[] PartSizes = [1, 200, 1500, 6000];
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void A_parallel_run_reports_exactly_what_a_sequential_run_reports(string format)
    {
        var first = _dir.Write("a/fleet.yaml", Manifests.Documents([
            Manifests.Namespace("ml-prod", "{tier: prod}"),
            .. Models("a", 25),
            Manifests.ProdPolicy,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: not-ours}",
            .. Models("b", 25),
            ModelList("listed", 3),
            Manifests.Exception("wait", "ml-prod", "a-3", "AIG-NET-01", "2026-07-01T00:00:00Z"),
            .. Models("c", 25)]));
        // A directive before a document start: the part before it fails alone and is read again in place.
        var second = _dir.Write("a/more.yaml", Manifests.Documents([.. Models("d", 10)]) + "...\n%YAML 1.2\n---\n"
            + Manifests.Documents([.. Models("e", 10)]));

        var sequential = Audit(AuditParallelism.Sequential, format, _dir.Root + "/a");

        Assert.True(sequential.ExitCode == 1, sequential.ToString());
        Assert.Contains("e-7", sequential.Stdout, StringComparison.Ordinal);
        foreach (var size in PartSizes)
        {
            foreach (var workers in new[] { 2, 3 })
            {
                var parallel = Audit(new AuditParallelism(workers, size), format, first, second);
                Assert.Equal(sequential, parallel);
            }
        }
    }

    [Fact]
    public void A_parallel_run_reports_the_same_input_errors_duplicates_and_first_syntax_error_as_a_sequential_run()
    {
        var first = _dir.Write("b/fleet.yaml", Manifests.Documents([
            .. Models("a", 20),
                        Manifests.Compliant("bad", extraSpec: "  replicas: 2"),
            "apiVersion: aiguard.io/v2\nkind: ModelDeployment\nmetadata: {name: future}",
            .. Models("b", 20),
            Manifests.Compliant("b-19")]));
        // The second file repeats a model of the first and breaks off in a quoted value spanning a document start:
        // whichever part holds it must fail, and nothing after the first malformed document is read.
        var second = _dir.Write("b/more.yaml", Manifests.Documents([
            .. Models("c", 10),
            Manifests.Compliant("a-1"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  note: \"open",
            "--- still quoted\"",
            .. Models("d", 10),
            "key: [unclosed"]));

        var sequential = Audit(AuditParallelism.Sequential, "json", first, second);

        Assert.True(sequential.ExitCode == AuditExitCodes.InputError, sequential.ToString());
        Assert.Contains("is already defined at", sequential.Stderr, StringComparison.Ordinal);
        Assert.Contains("more.yaml", sequential.Stderr.Split('\n').First(l => l.Contains("a-1", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("unknown field \"spec.replicas\"", sequential.Stderr, StringComparison.Ordinal);
        Assert.Contains("unsupported version aiguard.io/v2", sequential.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid YAML: while scanning a quoted scalar, found unexpected document indicator", sequential.Stderr, StringComparison.Ordinal);
        foreach (var size in PartSizes)
        {
            Assert.Equal(sequential, Audit(new AuditParallelism(2, size), "json", first, second));
        }
    }

    [Fact]
    public void Windows_line_breaks_are_read_in_place_with_the_same_lines()
    {
        var file = _dir.Write("crlf.yaml", Manifests.Documents([.. Models("w", 12)]).Replace("\n", "\r\n", StringComparison.Ordinal));

        var sequential = Audit(AuditParallelism.Sequential, "sarif", file);

        Assert.Equal(sequential, Audit(new AuditParallelism(2, 1), "sarif", file));
    }

    [Fact]
    public void A_utf8_file_cut_in_its_bytes_reports_the_same_lines_columns_and_errors_as_its_decoded_text()
    {
        // A UTF-8 byte-order mark, characters of two to four bytes before fields with errors, and an invalid byte:
        // the parts are cut and decoded in bytes, the sequential run decodes the whole file as text.
        var text = Manifests.Documents([
            "# modèle d'équipe 🚀\n" + Manifests.Compliant("u-0"),
            .. Models("u", 6),
            Manifests.Compliant("accents", extraSpec: "  # ünïcødé ✓\n  rëplicas: 2"),
            "apiVersion: aiguard.io/v1alpha1\nkind: ModelDeployment\nmetadata: {name: cols, namespace: ml-prod}\nspec: {owner: \"équipe🚀@example.com\", bogus: 1}",
            "# \uFFFD\n" + Manifests.OpenIngress("after-invalid"),
            .. Models("v", 6)]);
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetPreamble());
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text));
        var invalid = bytes.IndexOf(0xEF, 3);
        bytes.RemoveRange(invalid, 3);
        bytes.Insert(invalid, 0xFF);
        var file = _dir.Write("utf8.yaml", "");
        File.WriteAllBytes(file, [.. bytes]);

        var sequential = Audit(AuditParallelism.Sequential, "sarif", file);

        Assert.Contains("rëplicas", sequential.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.bogus", sequential.Stderr, StringComparison.Ordinal);
        foreach (var size in PartSizes)
        {
            Assert.Equal(sequential, Audit(new AuditParallelism(2, size), "sarif", file));
        }
    }

    [Fact]
    public void A_byte_order_mark_inside_a_file_is_read_as_text_with_the_same_lines()
    {
        var file = _dir.Write("bom.yaml", Manifests.Documents([.. Models("m", 6), "\uFEFF" + Manifests.OpenIngress("marked"), .. Models("n", 6)]));

        var sequential = Audit(AuditParallelism.Sequential, "sarif", file);

        Assert.Contains("marked", sequential.Stdout, StringComparison.Ordinal);
        Assert.Equal(sequential, Audit(new AuditParallelism(2, 1), "sarif", file));
    }

    private static CliOutcome Audit(AuditParallelism parallelism, string format, params string[] paths)
    {
        var request = new AuditRequest(paths, [], Now, format, "high") { Parallelism = parallelism };
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = AuditRun.Execute(request, TextReader.Null, output, error);
        return new CliOutcome(exit, output.ToString(), error.ToString());
    }

    /// <summary>Models named <c>prefix-0</c>.. of the three verdicts in turn, in ml-prod and ml-dev.</summary>
    private static IEnumerable<string> Models(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => (i % 3) switch
        {
            0 => Manifests.Compliant($"{prefix}-{i}", i % 2 == 0 ? "ml-prod" : "ml-dev"),
            1 => Manifests.OpenIngress($"{prefix}-{i}"),
            _ => Manifests.UnneededToken($"{prefix}-{i}", "ml-dev"),
        });

    /// <summary>A <c>kind: List</c> of <paramref name="count"/> open-ingress models, as <c>kubectl get -o yaml</c> prints.</summary>
    private static string ModelList(string prefix, int count) =>
        "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            "  - " + string.Join("\n    ", Manifests.OpenIngress($"{prefix}-{i}").TrimEnd().Split('\n')) + "\n"));
}
