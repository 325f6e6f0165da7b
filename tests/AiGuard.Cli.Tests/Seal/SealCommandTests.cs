using System.Text;
using AiGuard.Sealing;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Cli.Tests.Seal;

[Collection(SealKeysCollection.Name)]
public sealed class SealCommandTests(SealKeys keys) : IDisposable
{
    private const string Canary = "canary-9b1e44-never-print-me";
    private readonly string _dir = Directory.CreateTempSubdirectory("aiguard-seal-").FullName;

    private string[] Base(params string[] more) =>
        ["--namespace", "ml-prod", "--model", "fraud-scorer", "--secret", "db-creds", "--cert", keys.CertificatePath, .. more];

    [Fact]
    public async Task Prints_a_paste_ready_entry_whose_values_open_only_for_its_strict_scope()
    {
        var result = await SealCli.RunAsync(Base("--from-literal", $"password={Canary}", "--from-literal", "user=scorer"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("- name: db-creds\n  sealedData:\n", result.Stdout);
        var entry = SealYaml.Entry(result.Stdout);
        Assert.Equal("db-creds", SealYaml.Text(entry, "name"));
        var data = SealYaml.SealedData(entry);
        Assert.Equal(["password", "user"], data.Keys);
        var here = SealingScope.Strict("ml-prod", "fraud-scorer", "db-creds");
        Assert.Equal(Canary, keys.Open(data["password"], here));
        Assert.Equal("scorer", keys.Open(data["user"], here));
        var moved = Assert.Throws<SealingException>(() => keys.Open(data["password"], SealingScope.Strict("ml-prod", "other-model", "db-creds")));
        Assert.Equal(SealingFailure.WrongScope, moved.Reason);
        Assert.Contains(keys.Key.KeyId, result.Stderr);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Namespace_scope_opens_for_any_model_and_secret_of_the_namespace()
    {
        var result = await SealCli.RunAsync(Base("--scope", "namespace", "--from-literal", "token=abc"));

        Assert.Equal(0, result.ExitCode);
        var text = SealYaml.SealedData(SealYaml.Entry(result.Stdout))["token"];
        Assert.Equal(SealingScopeMode.Namespace, SealedValue.Parse(text).ScopeMode);
        Assert.Equal("abc", keys.Open(text, SealingScope.Strict("ml-prod", "another-model", "another-secret")));
        Assert.Throws<SealingException>(() => keys.Open(text, SealingScope.Strict("ml-dev", "fraud-scorer", "db-creds")));
    }

    [Fact]
    public async Task Raw_prints_only_the_sealed_text_of_one_value()
    {
        var result = await SealCli.RunAsync(Base("--raw", "--from-literal", $"token={Canary}"));

        Assert.Equal(0, result.ExitCode);
        var text = result.Stdout.TrimEnd('\n');
        Assert.StartsWith("AGS1", text);
        Assert.DoesNotContain('\n', text);
        Assert.Equal(Canary, keys.Open(text, SealingScope.Strict("ml-prod", "fraud-scorer", "db-creds")));
    }

    [Fact]
    public async Task Raw_namespace_wide_needs_no_model_or_secret()
    {
        var result = await SealCli.RunAsync("--namespace", "ml-prod", "--scope", "namespace", "--raw", "--from-literal", "k=v", "--cert", keys.CertificatePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("v", keys.Open(result.Stdout.Trim(), SealingScope.Strict("ml-prod", "m", "s")));
    }

    [Fact]
    public async Task From_file_seals_the_bytes_as_they_are()
    {
        byte[] bytes = [0, 1, 2, 0xFF, (byte)'\r', (byte)'\n', 0x80, (byte)' '];
        var path = Path.Combine(_dir, "blob.bin");
        await File.WriteAllBytesAsync(path, bytes);
        var dockerConfig = Path.Combine(_dir, ".dockerconfigjson");
        await File.WriteAllTextAsync(dockerConfig, "{\"auths\":{}}\n");

        var result = await SealCli.RunAsync(Base("--from-file", $"blob={path}", "--from-file", dockerConfig));

        Assert.True(result.ExitCode == 0, result.ToString());
        var data = SealYaml.SealedData(SealYaml.Entry(result.Stdout));
        using var ring = new KeyRing([SealingKeyPair.FromPem(keys.Key.ExportCertificatePem(), keys.Key.ExportPrivateKeyPem())]);
        var here = SealingScope.Strict("ml-prod", "fraud-scorer", "db-creds");
        Assert.Equal(bytes, new Unsealer(ring).Unseal(data["blob"], here));
        Assert.Equal("{\"auths\":{}}\n", keys.Open(data[".dockerconfigjson"], here));
        Assert.Contains("'.dockerconfigjson':", result.Stdout); // a leading dot is quoted so no reader takes it for a float
    }

    [Fact]
    public async Task Expose_and_mount_path_are_written_into_the_entry()
    {
        var result = await SealCli.RunAsync(Base("--from-literal", "a=b", "--expose", "Env", "--mount-path", "/etc/db"));

        Assert.Equal(0, result.ExitCode);
        var entry = SealYaml.Entry(result.Stdout);
        Assert.Equal("Env", SealYaml.Text(entry, "expose"));
        Assert.Equal("/etc/db", SealYaml.Text(entry, "mountPath"));
    }

    [Fact]
    public async Task Refuses_a_certificate_that_has_expired()
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(10));
        using var old = SealingKeyPair.Create(new SealingKeyOptions { Validity = TimeSpan.FromDays(1) }, past);
        var path = Path.Combine(_dir, "old.pem");
        await File.WriteAllTextAsync(path, old.ExportCertificatePem());

        var result = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"sealing certificate {old.KeyId} from {path} expired at", result.Stderr);
        Assert.Contains("--fetch-cert", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain(Canary, result.Stderr);
    }

    [Fact]
    public async Task Refuses_a_certificate_that_is_not_valid_yet()
    {
        var clock = new FakeTimeProvider(keys.Key.NotBefore - TimeSpan.FromDays(1));

        var result = await SealCli.RunAsync(clock, Base("--from-literal", $"k={Canary}"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is valid only from", result.Stderr);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Refuses_a_file_that_is_not_a_certificate()
    {
        var path = Path.Combine(_dir, "junk.pem");
        await File.WriteAllTextAsync(path, "not a certificate");

        var result = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path} is not a usable sealing certificate", result.Stderr);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", "c.pem"], "--namespace is required" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}"], "exactly one of --cert PATH|URL or --fetch-cert" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", "c.pem", "--fetch-cert"], "exactly one of --cert" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", "c.pem", "--kubeconfig", "x"], "go with --fetch-cert" },
        { ["-n", "ml-prod", "--model", "m", "--from-literal", $"k={Canary}", "--cert", "c.pem"], "--secret is required" },
        { ["-n", "ml-prod", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", "c.pem"], "--model is required" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--cert", "c.pem"], "at least one value" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", Canary, "--cert", "c.pem"], "--from-literal #1 must be KEY=VALUE" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--from-literal", "k=other", "--cert", "c.pem"], "key k is given 2 times" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--from-file", "k=/etc/hostname", "--cert", "c.pem"], "key k is given 2 times" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"bad/key={Canary}", "--cert", "c.pem"], "not a valid Secret data key" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", Canary, "--cert", "c.pem"], "unexpected argument (not shown" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--frobnicate", "--cert", "c.pem"], "unknown option --frobnicate" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--scope", "cluster", "--cert", "c.pem"], "--scope must be strict or namespace" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--from-literal", "j=x", "--raw", "--cert", "c.pem"], "--raw seals exactly one value" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--raw", "--merge-into", "f.yaml", "--cert", "c.pem"], "exclude each other" },
        { ["-n", "ML_Prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", "c.pem"], "--namespace 'ML_Prod' is not a DNS label" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--expose", "Volume", "--cert", "c.pem"], "--expose must be File or Env" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--mount-path", "relative", "--cert", "c.pem"], "--mount-path must be an absolute path" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert"], "--cert needs a value" },
        { ["-n", "ml-prod", "--model", "m", "--secret", "s", "--from-file", "k=/does/not/exist", "--cert", "c.pem"], "cannot read the file" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Usage_errors_exit_2_with_a_clear_message_and_never_echo_a_value(string[] args, string expected)
    {
        var result = await SealCli.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain(Canary, result.Stderr);
    }

    [Fact]
    public async Task A_missing_certificate_file_is_an_input_error()
    {
        var result = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", Path.Combine(_dir, "absent.pem"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read the certificate file", result.Stderr);
        Assert.DoesNotContain(Canary, result.Stderr);
    }

    [Fact]
    public async Task Every_seal_of_the_same_value_differs()
    {
        var first = await SealCli.RunAsync(Base("--raw", "--from-literal", "k=same"));
        var second = await SealCli.RunAsync(Base("--raw", "--from-literal", "k=same"));

        Assert.NotEqual(first.Stdout, second.Stdout);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
