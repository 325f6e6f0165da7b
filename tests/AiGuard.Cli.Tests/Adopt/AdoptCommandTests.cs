using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Tests.Audit;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Tests.Adopt;

/// <summary><c>aiguard adopt</c> against a real API server: the printed manifest is accepted and audits.</summary>
public sealed class AdoptCommandTests : IAsyncLifetime
{
    private readonly AdoptCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Prints_a_model_deployment_the_api_server_accepts_and_audit_evaluates()
    {
        await _cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(AdoptWorkloads.Vllm("chatbot"), AdoptCluster.Ns);

        var outcome = await _cluster.AdoptAsync("deployment/chatbot", "-n", AdoptCluster.Ns);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var model = KubernetesYaml.Deserialize<ModelDeployment>(outcome.Stdout);
        Assert.Equal(("chatbot", AdoptCluster.Ns), (model.Metadata.Name, model.Metadata.NamespaceProperty));
        Assert.Equal("vllm/vllm-openai:v0.6.4", model.Spec.Serving.Image);
        Assert.Equal("hf://meta-llama/Llama-3.1-8B-Instruct", model.Spec.Model.Uri);
        Assert.Equal(2, model.Spec.Serving.Replicas);
        Assert.Equal(8000, model.Spec.Serving.Port);
        Assert.Equal(["--model", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"], model.Spec.Serving.Args);
        Assert.Equal([("LOG_LEVEL", "info")], model.Spec.Serving.Env!.Select(e => (e.Name, e.Value)));
        Assert.Equal("1", model.Spec.Serving.Resources!.Limits!["nvidia.com/gpu"].ToString());
        Assert.Equal("team-chat", model.Spec.Owner);
        Assert.Contains("#  - env HF_TOKEN reads key token of Secret hf-credentials", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("#  - spec.riskLevel:", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("#  - spec.network:", outcome.Stdout, StringComparison.Ordinal);

        var created = await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
            model, ApiGroup.Group, ApiGroup.Version, AdoptCluster.Ns, ModelDeployment.Plural);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));

        var file = Path.Combine(_cluster.Directory, "chatbot.yaml");
        await File.WriteAllTextAsync(file, outcome.Stdout);
        var audit = AuditCli.Run(file, "--format", "json", "--fail-on", "none");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("AIG-GOV-01", audit.Stdout, StringComparison.Ordinal); // riskLevel is left to a human
    }

    [Fact]
    public async Task The_yaml_is_exactly_what_the_typed_model_serializes_to_so_nothing_is_lost_on_the_way_to_the_api_server()
    {
        await _cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(AdoptWorkloads.Vllm("chatbot"), AdoptCluster.Ns);

        var outcome = await _cluster.AdoptAsync("deploy/chatbot", "-n", AdoptCluster.Ns);

        var body = string.Concat(outcome.Stdout.Split('\n').SkipWhile(l => l.StartsWith('#')).Select(l => l + "\n")).TrimEnd('\n') + "\n";
        Assert.Equal(ManifestYaml.Serialize(KubernetesYaml.Deserialize<ModelDeployment>(outcome.Stdout)), body);
    }

    [Fact]
    public async Task Adopts_a_gpu_stateful_set_with_the_model_on_a_persistent_volume_claim()
    {
        await _cluster.Client.AppsV1.CreateNamespacedStatefulSetAsync(AdoptWorkloads.TritonOnClaim("triton"), AdoptCluster.Ns);

        var outcome = await _cluster.AdoptAsync("statefulset/triton", "-n", AdoptCluster.Ns);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var model = KubernetesYaml.Deserialize<ModelDeployment>(outcome.Stdout);
        Assert.Equal("pvc://model-store/triton/llama", model.Spec.Model.Uri);
        await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
            model, ApiGroup.Group, ApiGroup.Version, AdoptCluster.Ns, ModelDeployment.Plural);
    }

    [Fact]
    public async Task An_unknown_workload_is_a_clear_error_with_exit_2_and_nothing_on_stdout()
    {
        var outcome = await _cluster.AdoptAsync("deployment/nope", "-n", AdoptCluster.Ns);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal("aiguard adopt: deployment/nope not found in namespace ml\n", outcome.Stderr.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("service/chatbot", "cannot adopt a 'service'")]
    [InlineData("chatbot", "is not KIND/NAME")]
    [InlineData("deployment/", "is not KIND/NAME")]
    [InlineData("deployment/Not_A_Name", "is not a valid object name")]
    public async Task A_bad_reference_is_a_usage_error(string reference, string message)
    {
        var outcome = await _cluster.AdoptAsync(reference, "-n", AdoptCluster.Ns);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Contains(message, outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_longer_than_a_label_is_looked_up_not_refused()
    {
        // Kubernetes allows one 70-character label in an object name; refusing it would hide such a workload.
        var name = "inference-" + new string('x', 60);

        var outcome = await _cluster.AdoptAsync($"deployment/{name}", "-n", AdoptCluster.Ns);

        Assert.Equal($"aiguard adopt: deployment/{name} not found in namespace ml\n", outcome.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_server_that_names_no_model_needs_model_uri()
    {
        await _cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(AdoptWorkloads.Ollama("ollama"), AdoptCluster.Ns);

        var without = await _cluster.AdoptAsync("deployment/ollama", "-n", AdoptCluster.Ns);
        var with = await _cluster.AdoptAsync("deployment/ollama", "-n", AdoptCluster.Ns, "--model-uri", "oci://ghcr.io/acme/models/llama3:8b");
        var invalid = await _cluster.AdoptAsync("deployment/ollama", "-n", AdoptCluster.Ns, "--model-uri", "ftp://x/y");

        Assert.Equal(2, without.ExitCode);
        Assert.Contains("pass --model-uri", without.Stderr, StringComparison.Ordinal);
        Assert.Equal("", without.Stdout);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Equal("oci://ghcr.io/acme/models/llama3:8b", KubernetesYaml.Deserialize<ModelDeployment>(with.Stdout).Spec.Model.Uri);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("spec.model.uri", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal("", invalid.Stdout);
    }

    [Fact]
    public async Task An_unreachable_kubeconfig_is_a_clear_error()
    {
        var outcome = await _cluster.AdoptAsync("deployment/x", "-n", AdoptCluster.Ns, "--kubeconfig", Path.Combine(_cluster.Directory, "missing"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("does not exist", outcome.Stderr, StringComparison.Ordinal);
    }
}
