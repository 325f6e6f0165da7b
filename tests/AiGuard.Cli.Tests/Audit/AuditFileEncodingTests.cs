using System.Text;
using System.Text.Json;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// Files are decoded as kubectl's reader (and a StreamReader) would: UTF-8 by default, or the UTF-16 or UTF-32
/// that a byte-order mark names; bytes that are not valid UTF-8 never crash the audit.
/// </summary>
public sealed class AuditFileEncodingTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Encodings => ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "utf-32le", "utf-32be"];

    private static byte[] Encode(string name, string text) => name switch
    {
        "utf-8" => new UTF8Encoding(false).GetBytes(text),
        "utf-8-bom" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)],
        "utf-16le" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)],
        "utf-16be" => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(text)],
        "utf-32le" => [.. Encoding.UTF32.Preamble, .. Encoding.UTF32.GetBytes(text)],
        _ => [.. new UTF32Encoding(true, true).Preamble, .. new UTF32Encoding(true, true).GetBytes(text)],
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_file_in_any_encoding_its_mark_names_is_audited_with_the_same_finding_and_line(string encoding)
    {
        var path = Path.Combine(_dir.Root, "open.yaml");
        File.WriteAllBytes(path, Encode(encoding, Manifests.Documents(Manifests.Compliant("first"), Manifests.OpenIngress("open"))));

        var outcome = AuditCli.Run(path, "--format", "json");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        var results = JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("results");
        Assert.Equal(["first", "open"], results.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var line = (Manifests.Compliant("first") + "\n---\n").Count(c => c == '\n') + 1;
        Assert.EndsWith($"open.yaml:{line}", results[1].GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_replaced_not_a_crash()
    {
        var path = Path.Combine(_dir.Root, "bad.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Manifests.OpenIngress("open") + "\n# "), 0xC3, 0x28, 0xFF, (byte)'\n']);

        var outcome = AuditCli.Run(path, "--format", "json");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Equal("open", JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("results")[0].GetProperty("name").GetString());
    }
}
