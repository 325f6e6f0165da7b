using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace AiGuard.Cli.Tests.Adopt;

/// <summary>
/// A tenant's Deployment carries YAML injection attempts, very long values and secrets in clear text: the printed
/// manifest is one ModelDeployment document whose values round-trip exactly, it never contains a secret value, and
/// the API server accepts it.
/// </summary>
public sealed class AdoptHostileWorkloadTests : IAsyncLifetime
{
    private const string Injection = "x\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: pwned}";
    private static readonly string[] Secrets = ["sk-SECRET-ONE", "hf_SECRET_TWO", "SECRET-THREE-pw", "SECRET-FOUR-openai", "SECRET-FIVE-bearer"];
    private static readonly string LongValue = new('A', 20_000);
    private readonly AdoptCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private static readonly string[] HostileArgs =
    [
        "--model", "meta-llama/Llama-3.1-8B-Instruct",
        Injection,
        "key: value # not a comment",
        "yes", "null", "~", "0x1F", "1e3", "'single", "\"double", "- item", "&anchor", "*alias", "!!binary", "%TAG", "@at", "`tick",
        "--api-key=" + Secrets[0],
        "--hf-token", Secrets[1],
        "--db=postgres://admin:" + Secrets[2] + "@db:5432/app",
        LongValue,
        "\u2028line\u2029separators\u0085next",
    ];

    [Fact]
    public async Task Round_trips_hostile_values_as_one_document_without_any_secret_value()
    {
        var container = new V1Container
        {
            Name = "server",
            Image = "vllm/vllm-openai:v0.6.4",
            Args = HostileArgs,
            Env =
            [
                new V1EnvVar { Name = "OPENAI_API_KEY", Value = Secrets[3] },
                new V1EnvVar { Name = "AUTHORIZATION", Value = "Bearer " + Secrets[4] },
                new V1EnvVar { Name = "NOTE", Value = Injection + "\n# comment\n" + LongValue },
                new V1EnvVar { Name = "DB_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } },
            ],
        };
        var annotations = new Dictionary<string, string> { ["owner"] = "evil\n---\nkind: Secret\n# x: 'y' \"z\"" };
        await _cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(AdoptWorkloads.Deployment("hostile", container, annotations: annotations), AdoptCluster.Ns);

        var outcome = await _cluster.AdoptAsync("deployment/hostile", "-n", AdoptCluster.Ns);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, outcome.Stdout + outcome.Stderr, StringComparison.Ordinal);
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(outcome.Stdout));
        Assert.Single(stream.Documents);
        Assert.All(outcome.Stdout.Split('\n').TakeWhile(l => !l.StartsWith("apiVersion", StringComparison.Ordinal)), line => Assert.StartsWith("#", line, StringComparison.Ordinal));

        var model = KubernetesYaml.Deserialize<ModelDeployment>(outcome.Stdout);
        Assert.Equal(ModelDeployment.KubeKind, model.Kind);
        string[] kept = [.. HostileArgs.Where(a => !a.StartsWith("--api-key", StringComparison.Ordinal) && a != "--hf-token" && a != Secrets[1] && !a.StartsWith("--db=", StringComparison.Ordinal))];
        Assert.Equal(kept, model.Spec.Serving.Args);
        Assert.Equal([("NOTE", Injection + "\n# comment\n" + LongValue)], model.Spec.Serving.Env!.Select(e => (e.Name, e.Value)));
        Assert.Equal(annotations["owner"], model.Spec.Owner);
        Assert.Contains("env OPENAI_API_KEY looks like a credential", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("env DB_PASSWORD reads key password of Secret db", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("argument --api-key was left out", outcome.Stdout, StringComparison.Ordinal);

        var created = await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
            model, ApiGroup.Group, ApiGroup.Version, AdoptCluster.Ns, ModelDeployment.Plural);
        Assert.Equal(kept, created.Spec.Serving.Args);
        Assert.DoesNotContain((await _cluster.Client.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items, b => b.Metadata.Name == "pwned");
    }

    [Fact]
    public async Task Hostile_names_in_review_lines_cannot_break_out_of_the_comment()
    {
        var container = new V1Container
        {
            Name = "server",
            Image = "ollama/ollama:0.3",
            Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "s", Key = "k\nkind: Secret\u2028" + LongValue } } }],
        };
        await _cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(AdoptWorkloads.Deployment("names", container), AdoptCluster.Ns);

        var outcome = await _cluster.AdoptAsync("deployment/names", "-n", AdoptCluster.Ns, "--model-uri", "hf://acme/model");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var header = outcome.Stdout.Split('\n').TakeWhile(l => !l.StartsWith("apiVersion", StringComparison.Ordinal)).ToList();
        Assert.All(header, line => Assert.StartsWith("#", line, StringComparison.Ordinal));
        Assert.All(header, line => Assert.True(line.Length < 600, $"a review line of {line.Length} characters"));
        Assert.DoesNotContain('\u2028', outcome.Stdout.Split("apiVersion")[0]);
        Assert.Single(KubernetesYaml.LoadAllFromString(outcome.Stdout, new Dictionary<string, Type> { [ApiGroup.GroupVersion + "/" + ModelDeployment.KubeKind] = typeof(ModelDeployment) }));
    }
}
