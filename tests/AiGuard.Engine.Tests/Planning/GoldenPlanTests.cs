using System.Text;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Planning;
using k8s;

namespace AiGuard.Engine.Tests.Planning;

/// <summary>
/// Golden-file tests: the full desired state of two realistic samples, serialized with KubernetesYaml in apply
/// order, must match the committed <c>Golden/*.golden.yaml</c>. Set AIGUARD_UPDATE_GOLDEN=1 to rewrite them.
/// </summary>
public sealed class GoldenPlanTests
{
    private const string PatchedVllm = "docker.io/vllm/vllm-openai:v0.6.4@sha256:7d4b9a1e2c3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";

    /// <summary>The assessment and opened secrets each sample is planned with (the engine and sealing are not under test).</summary>
    private static (Assessment Assessment, IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> Opened) Inputs(
        string sample, ModelDeployment model) => sample switch
        {
            // Automatic patching moved the vulnerable v0.6.2 to the policy's patched image; all sealed values open.
            "vllm-hardened" => (
                new Assessment
                {
                    Image = new ImageStatus { Requested = model.Spec.Serving.Image, Effective = PatchedVllm, PatchedFrom = model.Spec.Serving.Image },
                    AppliedPolicies = ["baseline"],
                    SealingKeys = ["k-3f2a9c1e"],
                },
                new Dictionary<string, IReadOnlyDictionary<string, byte[]>>
                {
                    ["hf-token"] = Values(("token", "hf_golden_test_token_not_a_real_one")),
                    ["telemetry"] = Values(("api-key", "golden-test-api-key"), ("endpoint", "https://otel.observability.svc:4318")),
                }),
            // The existing database Secret is an open AIG-SEC-01 finding under Audit: reported, not blocking.
            "triton-allowlist" => (
                new Assessment
                {
                    Enforcement = EnforcementModes.Audit,
                    Image = new ImageStatus { Requested = model.Spec.Serving.Image, Effective = model.Spec.Serving.Image },
                    Findings = [new Finding { Control = "AIG-SEC-01", Severity = "high", Message = "secret db-creds uses existingSecret", Remediation = "seal it" }],
                    Phase = Phases.NonCompliant,
                    Score = 88,
                },
                new Dictionary<string, IReadOnlyDictionary<string, byte[]>>()),
            _ => throw new ArgumentOutOfRangeException(nameof(sample), sample, "unknown golden sample"),
        };

    [Theory]
    [InlineData("vllm-hardened")]
    [InlineData("triton-allowlist")]
    public void Planned_children_match_the_golden_file(string sample)
    {
        var model = SampleManifest.ReadModel(GoldenFiles.Read(sample + ".input.yaml"));
        var (assessment, opened) = Inputs(sample, model);

        var state = Planner.Plan(model, assessment, opened, runningDeployment: null);

        GoldenFiles.Verify(sample + ".golden.yaml", Render(sample, state));
    }

    [Fact]
    public void Golden_vllm_sample_keeps_secret_values_out_of_every_other_child()
    {
        var model = SampleManifest.ReadModel(GoldenFiles.Read("vllm-hardened.input.yaml"));
        var (assessment, opened) = Inputs("vllm-hardened", model);

        var state = Planner.Plan(model, assessment, opened, runningDeployment: null);

        Assert.Equal(2, state.Secrets.Count);
        var plaintexts = opened.Values.SelectMany(keys => keys.Values).Select(Encoding.UTF8.GetString).ToList();
        foreach (var child in state.Children.Where(c => c.Kind != "Secret"))
        {
            var wire = PlanningFixtures.Wire(child);
            Assert.All(plaintexts, p => Assert.DoesNotContain(p, wire, StringComparison.Ordinal));
        }
    }

    private static string Render(string sample, DesiredState state)
    {
        var text = new StringBuilder()
            .Append("# Desired state of the ").Append(sample).Append(" sample, planned by AiGuard.Engine.Planning.Planner.\n")
            .Append("# Golden file: rewrite with ").Append(GoldenFiles.UpdateVariable).Append("=1 and review the diff.\n")
            .Append("# rolloutBlocked: ").Append(state.RolloutBlocked ? "true" : "false").Append('\n')
            .Append("# blockReasons: [").Append(string.Join(", ", state.BlockReasons)).Append("]\n")
            .Append("# quarantined: ").Append(state.Quarantined ? "true" : "false").Append('\n')
            .Append("# unopenedSecrets: [").Append(string.Join(", ", state.UnopenedSecrets)).Append("]\n")
            .Append("# secretsHash: ").Append(state.SecretsHash).Append('\n');
        foreach (var child in state.Children)
        {
            text.Append("---\n").Append(KubernetesYaml.Serialize(child).TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }

    private static Dictionary<string, byte[]> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value));
}
