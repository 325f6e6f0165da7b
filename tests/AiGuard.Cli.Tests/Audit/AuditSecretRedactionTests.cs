namespace AiGuard.Cli.Tests.Audit;

/// <summary>No value of a Secret in the inputs ever reaches stdout or stderr, whatever is wrong with it and whatever the format.</summary>
public sealed class AuditSecretRedactionTests : IDisposable
{
    private const string Canary = "CANARY7f3a9e";
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, int> BrokenSecrets() => new()
    {
        // A YAML error inside a Secret's data: unclosed quotes, a bad escape, an unclosed flow map, a tab.
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata:\n  password: \"{Canary}\n", 5 },
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData:\n  password: '{Canary}\n", 5 },
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData:\n  password: \"{Canary}\\q\"\n", 5 },
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData: {{password: {Canary}\n", 6 }, // found at the end of the stream
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData:\n  password: {Canary}\n\tuser: x\n", 5 },
        // A value whose tag does not fit it.
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata:\n  password: !!int {Canary}\n", 5 },
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata:\n  password: !!binary {Canary}!!\n", 5 },
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData:\n  password: !!bool {Canary}\n", 5 },
        // An unknown alias and a broken merge inside the Secret.
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData:\n  password: *{Canary}\n", 5 },
        { $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\nstringData:\n  <<: {Canary}\n", 5 },
    };

    [Theory]
    [MemberData(nameof(BrokenSecrets))]
    public void Errors_in_a_secret_name_the_line_and_never_the_value(string yaml, int line)
    {
        var path = _dir.Write("secret.yaml", Manifests.Documents(Manifests.Compliant(), yaml));
        var secretStart = (Manifests.Compliant() + "\n---\n").Count(c => c == '\n') + 1;

        foreach (var format in new[] { "table", "json", "sarif", "junit", "markdown" })
        {
            var outcome = AuditCli.Run(path, "--format", format);

            Assert.True(outcome.ExitCode == 2, outcome.ToString());
            Assert.DoesNotContain(Canary, outcome.Stdout + outcome.Stderr, StringComparison.OrdinalIgnoreCase);
            Assert.Matches($@"secret\.yaml:{secretStart + line - 1}:\d+: ", outcome.Stderr);
        }
    }

    [Fact]
    public void A_well_formed_secret_with_bad_data_is_skipped_without_echo_in_any_format()
    {
        var secret = $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata:\n  password: \"{Canary} is not base64\"\nstringData: [{Canary}]\n";
        var path = _dir.Write("secret.yaml", Manifests.Documents(Manifests.OpenIngress(), secret));

        foreach (var format in new[] { "table", "json", "sarif", "junit", "markdown" })
        {
            var outcome = AuditCli.Run(path, "--format", format);

            Assert.True(outcome.ExitCode == 1, outcome.ToString());
            Assert.DoesNotContain(Canary, outcome.Stdout + outcome.Stderr, StringComparison.OrdinalIgnoreCase);
        }
    }
}
