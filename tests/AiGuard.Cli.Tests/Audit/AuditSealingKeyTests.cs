using System.Text;
using AiGuard.Sealing;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>The cluster key and a stranger's key for the --sealing-key tests (RSA-4096 generation takes a second each).</summary>
public sealed class AuditSealingKeys : IDisposable
{
    public SealingKeyPair Cluster { get; } = SealingKeyPair.Create();

    public SealingKeyPair Stranger { get; } = SealingKeyPair.Create();

    public string Seal(string value, string ns, string model, string secret, SealingKeyPair? key = null) =>
        new Sealer((key ?? Cluster).Certificate).Seal(Encoding.UTF8.GetBytes(value), SealingScope.Strict(ns, model, secret));

    public void Dispose()
    {
        Cluster.Dispose();
        Stranger.Dispose();
    }
}

/// <summary>
/// <c>aiguard audit --sealing-key PATH</c> opens sealed values offline with the operator's verifier, so AIG-SEC-03
/// is evaluated (and no longer listed as skipped); bad key files are input errors; nothing secret is ever printed.
/// </summary>
public sealed class AuditSealingKeyTests(AuditSealingKeys keys) : IClassFixture<AuditSealingKeys>, IDisposable
{
    private const string Plaintext = "canary-7f3e91c2-do-not-print";
    private const string Now = "2026-11-25T10:00:00Z";
    private static readonly string[] Formats = ["table", "json", "sarif", "junit", "markdown"];
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string ModelWith(string name, params (string Key, string Sealed)[] values) =>
        Manifests.Compliant(name, "ml-prod",
            "  secrets:\n    - name: api-key\n      mountPath: /var/run/secrets/api\n      sealedData:\n"
            + string.Concat(values.Select(v => $"        {v.Key}: {v.Sealed}\n")));

    private string CombinedKeyFile(SealingKeyPair key, string name = "sealing.pem") =>
        _dir.Write(name, key.ExportCertificatePem() + "\n" + key.ExportPrivateKeyPem());

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Tamper(string sealedText)
    {
        // A character inside the GCM tag: the envelope still parses, only authentication fails.
        var i = sealedText.Length - 6;
        var flipped = sealedText[i] == 'A' ? 'B' : 'A';
        return sealedText[..i] + flipped + sealedText[(i + 1)..];
    }

    private static void AssertNoSecretMaterial(CliOutcome outcome, SealingKeyPair key)
    {
        var all = outcome.Stdout + outcome.Stderr;
        Assert.DoesNotContain(Plaintext, all);
        Assert.DoesNotContain(Base64(Plaintext), all);
        // A line from the middle of the private key PEM: no message may echo the key file.
        var keyLines = key.ExportPrivateKeyPem().Split('\n');
        Assert.DoesNotContain(keyLines[keyLines.Length / 2].Trim(), all);
    }

    [Fact]
    public void Value_sealed_for_this_model_passes_and_AIG_SEC_03_is_no_longer_skipped()
    {
        var model = _dir.Write("md.yaml", ModelWith("scorer", ("token", keys.Seal(Plaintext, "ml-prod", "scorer", "api-key"))));

        var without = AuditCli.Run(model, "--now", Now);
        Assert.Equal(0, without.ExitCode);
        Assert.Contains("AIG-SEC-03", without.Stdout); // listed as not evaluated offline

        var with = AuditCli.Run(model, "--now", Now, "--sealing-key", CombinedKeyFile(keys.Cluster));
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.DoesNotContain("AIG-SEC-03", with.Stdout);
        Assert.Contains("AIG-NET-03", with.Stdout); // the cluster-only controls are still skipped
        AssertNoSecretMaterial(with, keys.Cluster);
    }

    [Theory]
    [InlineData("moved", "sealed for another scope")]
    [InlineData("tampered", "tampered")]
    [InlineData("unknown", "unknown sealing key")]
    public void Value_that_does_not_open_fails_AIG_SEC_03_with_the_reason(string how, string reason)
    {
        var sealedText = how switch
        {
            "moved" => keys.Seal(Plaintext, "ml-prod", "other-model", "api-key"),
            "tampered" => Tamper(keys.Seal(Plaintext, "ml-prod", "scorer", "api-key")),
            _ => keys.Seal(Plaintext, "ml-prod", "scorer", "api-key", keys.Stranger),
        };
        var model = _dir.Write("md.yaml", ModelWith("scorer", ("token", sealedText)));

        var outcome = AuditCli.Run(model, "--now", Now, "--sealing-key", CombinedKeyFile(keys.Cluster), "--format", "json");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("\"AIG-SEC-03\"", outcome.Stdout);
        Assert.Contains("\"critical\"", outcome.Stdout);
        Assert.Contains($"spec.secrets[0] (api-key) key token does not open: {reason}", outcome.Stdout);
        if (how == "unknown")
        {
            Assert.Contains(keys.Stranger.KeyId, outcome.Stdout);
        }
        AssertNoSecretMaterial(outcome, keys.Cluster);
    }

    [Fact]
    public void No_format_prints_a_plaintext_or_key_material()
    {
        var model = _dir.Write("md.yaml", ModelWith("scorer",
            ("good", keys.Seal(Plaintext, "ml-prod", "scorer", "api-key")),
            ("bad", Tamper(keys.Seal(Plaintext, "ml-prod", "scorer", "api-key"))),
            ("moved", keys.Seal(Plaintext, "ml-prod", "elsewhere", "api-key"))));
        var key = CombinedKeyFile(keys.Cluster);

        foreach (var format in Formats)
        {
            var outcome = AuditCli.Run(model, "--now", Now, "--sealing-key", key, "--format", format);
            Assert.True(outcome.ExitCode == 1, $"{format}: {outcome}");
            Assert.Contains("AIG-SEC-03", outcome.Stdout);
            AssertNoSecretMaterial(outcome, keys.Cluster);
        }
    }

    [Fact]
    public void Fail_on_critical_still_fails_on_a_value_that_does_not_open()
    {
        var model = _dir.Write("md.yaml", ModelWith("scorer", ("token", Tamper(keys.Seal(Plaintext, "ml-prod", "scorer", "api-key")))));
        var key = CombinedKeyFile(keys.Cluster);

        Assert.Equal(1, AuditCli.Run(model, "--now", Now, "--sealing-key", key, "--fail-on", "critical").ExitCode);
        Assert.Equal(0, AuditCli.Run(model, "--now", Now, "--sealing-key", key, "--fail-on", "none").ExitCode);
    }

    [Fact]
    public void Reads_the_key_in_every_supported_form()
    {
        var model = _dir.Write("md.yaml", ModelWith("scorer", ("token", keys.Seal(Plaintext, "ml-prod", "scorer", "api-key"))));
        var key = keys.Cluster;
        var crt = Convert.ToBase64String(Encoding.UTF8.GetBytes(key.ExportCertificatePem()));
        var pk = Convert.ToBase64String(Encoding.UTF8.GetBytes(key.ExportPrivateKeyPem()));
        var forms = new Dictionary<string, string>
        {
            ["combined PEM"] = CombinedKeyFile(key, "forms/combined.pem"),
            ["private key only"] = _dir.Write("forms/key-only.pem", key.ExportPrivateKeyPem()),
            ["kubectl -o yaml"] = _dir.Write("forms/secret.yaml", $"""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: aiguard-sealing-key-1
                  namespace: aiguard-system
                type: kubernetes.io/tls
                data:
                  tls.crt: {crt}
                  tls.key: {pk}
                """),
            ["kubectl -o json List"] = _dir.Write("forms/secrets.json",
                """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"k"},"type":"kubernetes.io/tls","data":{"tls.crt":""" + $"\"{crt}\",\"tls.key\":\"{pk}\"" + "}}]}"),
            ["mounted Secret directory"] = Path.GetDirectoryName(_dir.Write("mounted/tls.key", key.ExportPrivateKeyPem()))!,
            ["directory of key files"] = Path.GetDirectoryName(CombinedKeyFile(keys.Stranger, "ring/old.pem"))!,
        };
        _dir.Write("mounted/tls.crt", key.ExportCertificatePem());
        CombinedKeyFile(key, "ring/current.pem");

        foreach (var (form, path) in forms)
        {
            var outcome = AuditCli.Run(model, "--now", Now, "--sealing-key", path);
            Assert.True(outcome.ExitCode == 0, $"{form}: {outcome}");
            Assert.DoesNotContain("AIG-SEC-03", outcome.Stdout);
        }
    }

    [Fact]
    public void Repeated_option_builds_one_ring_from_every_key()
    {
        var model = _dir.Write("md.yaml", ModelWith("scorer",
            ("old", keys.Seal(Plaintext, "ml-prod", "scorer", "api-key", keys.Stranger)),
            ("new", keys.Seal(Plaintext, "ml-prod", "scorer", "api-key"))));

        var one = AuditCli.Run(model, "--now", Now, "--sealing-key", CombinedKeyFile(keys.Cluster));
        Assert.Equal(1, one.ExitCode);

        var both = AuditCli.Run(model, "--now", Now, "--sealing-key", CombinedKeyFile(keys.Cluster), "--sealing-key", CombinedKeyFile(keys.Stranger, "old.pem"));
        Assert.True(both.ExitCode == 0, both.ToString());
    }

    [Fact]
    public void Unusable_key_files_are_input_errors_naming_the_file()
    {
        var model = _dir.Write("md.yaml", ModelWith("scorer", ("token", keys.Seal(Plaintext, "ml-prod", "scorer", "api-key"))));
        var mismatched = keys.Stranger.ExportCertificatePem() + keys.Cluster.ExportPrivateKeyPem();
        var cases = new (string File, string Content, string Message)[]
        {
            ("cert-only.pem", keys.Cluster.ExportCertificatePem(), "holds a certificate but no private key"),
            ("garbage.pem", "just some words, no key", "holds no PEM private key and no Secret with tls.key"),
            ("mismatched.pem", mismatched, "private key does not belong to any certificate in the file"),
            ("encrypted.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "is encrypted"),
            ("broken.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a readable RSA private key"),
            ("no-key.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls}\ndata:\n  tls.crt: QUJD\n", "Secret web-tls has no data.tls.key"),
            ("bad-yaml.yaml", "kind: Secret\ndata: [unclosed\n", "YAML error at line"),
        };

        foreach (var (file, content, message) in cases)
        {
            var path = _dir.Write("bad/" + file, content);
            var outcome = AuditCli.Run(model, "--now", Now, "--sealing-key", path);
            Assert.True(outcome.ExitCode == 2, $"{file}: {outcome}");
            Assert.True(outcome.Stderr.Contains($"{path.Replace('\\', '/')}: ", StringComparison.Ordinal), $"{file}: {outcome}");
            Assert.True(outcome.Stderr.Contains(message, StringComparison.Ordinal), $"{file}: {outcome}");
            Assert.Equal("", outcome.Stdout);
            AssertNoSecretMaterial(outcome, keys.Cluster);
        }

        var missing = AuditCli.Run(model, "--sealing-key", Path.Combine(_dir.Root, "absent.pem"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("absent.pem: no such file or directory", missing.Stderr);

        var empty = AuditCli.Run(model, "--sealing-key");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("--sealing-key needs a key file or directory", empty.Stderr);
    }
}
