using AiGuard.Cli.Sealing;
using CsCheck;
using YamlDotNet.RepresentationModel;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>
/// Random edits of a real manifest fed to --merge-into's editor: it either refuses with a clear error or
/// produces a manifest that parses and holds exactly the new entry; nothing else ever escapes.
/// </summary>
public sealed class ManifestMergeFuzzTests
{
    private const string Alphabet = " \n\t:-#[]{},'\"|>&*!?%@`abcXYZ019";
    private static readonly SecretEntry Entry = new("db-creds", null, null, [new("password", "AGS1sealed-password")]);

    private static readonly Gen<string> Mutated =
        Gen.Int[1, 4].SelectMany(count => Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.String[Gen.Char[Alphabet], 0, 6]).Array[count])
            .Select(edits =>
            {
                var text = SealMergeTests.SampleManifest;
                foreach (var (kind, position, insert) in edits)
                {
                    var at = text.Length == 0 ? 0 : position % text.Length;
                    text = kind switch
                    {
                        0 => text.Remove(at, Math.Min(1 + position % 7, text.Length - at)),
                        1 => text.Insert(at, insert),
                        _ => text.Insert(at, text[((at == 0 ? -1 : text.LastIndexOf('\n', at - 1)) + 1)..at]), // repeat part of a line
                    };
                }

                return text;
            });

    [Fact]
    public void Random_edits_of_a_manifest_merge_cleanly_or_are_refused_clearly()
    {
        var merged = 0;
        var refused = 0;
        Mutated.Sample(text =>
        {
            ManifestMergeResult result;
            try
            {
                result = ManifestMerge.Merge(text, "f.yaml", "ml-prod", "fraud-scorer", Entry);
            }
            catch (SealException e)
            {
                Assert.Equal(2, e.ExitCode);
                Assert.StartsWith("f.yaml", e.Message);
                Interlocked.Increment(ref refused);
                return;
            }

            // An independent reader (YamlDotNet's representation model) agrees the entry is there, whenever it
            // could read the input at all (it is stricter, e.g. about duplicate keys).
            if (Loads(text))
            {
                var entry = SealYaml.Secret(result.Text, "fraud-scorer", "db-creds");
                Assert.Equal("AGS1sealed-password", SealYaml.SealedData(entry)["password"]);
            }

            Interlocked.Increment(ref merged);
        }, iter: 3000);

        // Both paths must really be exercised, or the property says little.
        Assert.True(merged > 300 && refused > 300, $"merged {merged}, refused {refused}");
    }

    [Fact]
    public void Merging_the_same_entry_twice_changes_nothing_the_second_time()
    {
        var once = ManifestMerge.Merge(SealMergeTests.SampleManifest, "f.yaml", "ml-prod", "fraud-scorer", Entry).Text;
        var twice = ManifestMerge.Merge(once, "f.yaml", "ml-prod", "fraud-scorer", Entry).Text;

        Assert.Equal(once, twice);
    }

    private static bool Loads(string text)
    {
        try
        {
            new YamlStream().Load(new StringReader(text));
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
