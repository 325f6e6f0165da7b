using AiGuard.Cli.Audit;
using CsCheck;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>Random and mutated YAML never crashes the loader: it loads, or throws its own ManifestLoadException.</summary>
public sealed class ManifestLoaderFuzzTests
{
    private const string YamlAlphabet = "ab:z01 -\n\n  \t[]{},'\"#&*!|>%@?~.<=\\";

    private static readonly string[] Seeds =
    [
        Manifests.Documents(Manifests.Namespace("ml-prod", "{tier: prod}"), Manifests.ProdPolicy, Manifests.OpenIngress()),
        Manifests.Documents(Manifests.UnneededToken(), Manifests.Exception("x", "ml-prod", "token", "AIG-RBAC-01", "2030-01-01T00:00:00Z")),
        Manifests.Compliant(extraSpec: "  secrets:\n    - name: db\n      sealedData: {token: AGS1abc}\n  access:\n    apiRules:\n      - apiGroups: ['']\n        resources: [configmaps]\n        verbs: [get]"),
    ];

    // Tokens that change meaning or type when dropped into a manifest.
    private static readonly string[] Tokens =
    [
        "abc", "- x", ": ", "[", "]", "{", "}", "&a ", "*a", "<<: *a", "!!int ", "!!str ", "~", "null", "true", "1e999", "-1",
        "99999999999999999999", "0x1F", "\"", "'", "|\n", "---\n", "...\n", "\t", "? ", "%YAML 1.2\n", "kind: List\n",
        "apiVersion: aiguard.io/v1alpha1\n", "items: [", "0.6.4", ".inf", "2026-13-45T99:00:00Z", "16Gi", "lots",
    ];

    private static readonly Gen<string> RandomText = Gen.Char[YamlAlphabet].Array[0, 300].Select(chars => new string(chars));

    private static readonly Gen<string> MutatedManifest =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Int[0, Tokens.Length - 1], Gen.Int[1, 40]).List[1, 6],
            (seed, edits) =>
            {
                var text = Seeds[seed];
                foreach (var (kind, where, token, length) in edits)
                {
                    var at = (int)(where * text.Length);
                    text = kind switch
                    {
                        0 => text.Remove(at, Math.Min(length, text.Length - at)),
                        1 => text.Insert(at, Tokens[token]),
                        2 => text[..at] + Tokens[token] + text[Math.Min(text.Length, at + length)..],
                        _ => DuplicateLine(text, at),
                    };
                }
                return text;
            });

    private static string DuplicateLine(string text, int at)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var end = text.IndexOf('\n', at);
        end = end < 0 ? text.Length : end + 1;
        return text.Insert(end, text[start..end]);
    }

    private int _loaded;
    private int _rejected;

    private void LoadsOrReportsErrors(string text)
    {
        try
        {
            var set = ManifestLoader.Load([new ManifestInput("fuzz.yaml", text)]);
            AuditEvaluator.Evaluate(set, new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
            Interlocked.Increment(ref _loaded);
        }
        catch (ManifestLoadException e)
        {
            Interlocked.Increment(ref _rejected);
            Assert.NotEmpty(e.Errors);
            Assert.All(e.Errors, error =>
            {
                Assert.Equal("fuzz.yaml", error.File);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.True(error.Position is null || error.Position.Value.Line >= 1 && error.Position.Value.Column >= 1);
            });
        }
    }

    [Fact]
    public void Random_text_never_crashes_the_loader()
    {
        RandomText.Sample(LoadsOrReportsErrors, iter: 3000);

        Assert.True(_loaded > 0 && _rejected > 0, $"loaded {_loaded}, rejected {_rejected}: the generator should produce both");
    }

    [Fact]
    public void Mutated_manifests_never_crash_the_loader()
    {
        MutatedManifest.Sample(LoadsOrReportsErrors, iter: 3000);

        Assert.True(_loaded > 0 && _rejected > 0, $"loaded {_loaded}, rejected {_rejected}: the generator should produce both");
    }

    [Fact]
    public void Mutated_manifests_never_crash_the_command_in_any_format()
    {
        var formats = new[] { "table", "json", "sarif", "junit", "markdown" };
        Gen.Select(MutatedManifest, Gen.Int[0, formats.Length - 1]).Sample((text, format) =>
        {
            var outcome = AuditCli.Pipe(text, "-", "--format", formats[format], "--now", "2026-11-25T10:00:00Z");
            Assert.True(outcome.ExitCode is 0 or 1 or 2, outcome.ToString());
            Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
            Assert.True(outcome.ExitCode == 2 ? outcome.Stdout.Length == 0 : outcome.Stdout.Length > 0, outcome.ToString());
        }, iter: 500);
    }
}
