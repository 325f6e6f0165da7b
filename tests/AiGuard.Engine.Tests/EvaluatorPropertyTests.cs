using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using CsCheck;
using k8s.Models;

namespace AiGuard.Engine.Tests;

public sealed class EvaluatorPropertyTests
{
    private static readonly Gen<string?> Images = Gen.OneOf<string?>(
        null, "", "nginx", "vllm/vllm-openai:v0.6.2", "vllm/vllm-openai:v0.7.0@" + ModelDeploymentBuilder.Digest, "ghcr.io/acme/triton:24.08-py3",
        "ghcr.io/acmeevil/x:latest", "BAD IMAGE", "nvcr.io/nvidia/tritonserver@sha256:bad", "localhost:5000/m:1");

    private static readonly Gen<string?> Cidrs = Gen.OneOf<string?>(
        "10.0.0.0/8", "100.64.0.0/16", "192.168.1.0/24", "8.8.8.8/32", "::/0", "0.0.0.0/0", "169.254.169.254/32", "fd00::/8", "10.0.0.0/33", "nonsense");

    private static readonly Gen<string?> RiskLevels = Gen.OneOf<string?>(null, "minimal", "limited", "high", "high", "unacceptable", "extreme");

    private static readonly Gen<string?> Modes = Gen.OneOf<string?>(null, "Enforce", "Audit", "Audit", "enforce");

    private static readonly Gen<string?> PatchModes = Gen.OneOf<string?>(null, "Auto", "Auto", "Manual", "Always");

    private static readonly Gen<string?> Exposures = Gen.OneOf<string?>(null, "File", "Env", "Env", "Volume");

    private static readonly Gen<NetworkPeer?> Peers = Gen.Frequency(
        (6, Cidrs.Select(cidr => (NetworkPeer?)new NetworkPeer { IpBlock = new IpBlock { Cidr = cidr! } })),
        (3, Gen.Select(Gen.Bool, Gen.Bool).Select((ns, pod) => (NetworkPeer?)new NetworkPeer
        {
            NamespaceSelector = ns || !pod ? new V1LabelSelector() : null,
            PodSelector = pod ? new V1LabelSelector() : null,
        })),
        (1, Gen.Const((NetworkPeer?)null)));

    private static readonly Gen<ModelDeployment> Models =
        Gen.Select(Images, RiskLevels, Modes, PatchModes, Peers.List[0, 3], Peers.List[0, 3], Gen.Select(Gen.Int[0, 3], Exposures), Gen.Bool)
            .Select((image, risk, enforcement, patch, from, to, secrets, privileged) => new ModelDeployment
            {
                Metadata = new V1ObjectMeta { Name = "m", NamespaceProperty = "ns" },
                Spec = new ModelDeploymentSpec
                {
                    RiskLevel = risk,
                    Enforcement = enforcement,
                    Owner = privileged ? null : "o",
                    Model = new ModelSource { Uri = "s3://m/x" },
                    Serving = new ServingSpec { Image = image!, SecurityContext = new SecurityContextSpec { Privileged = privileged } },
                    Updates = new UpdatesSpec { Patch = patch },
                    Network = new NetworkSpec { Ingress = [new IngressRule { From = from! }], Egress = [new EgressRule { To = to! }] },
                    Secrets = [.. Enumerable.Range(0, secrets.Item1).Select(i => new SecretSpec
                    {
                        Name = $"s{i}",
                        ExistingSecret = i == 1 ? null : "e",
                        SealedData = i >= 1 ? new Dictionary<string, string> { ["k"] = "v" } : null,
                        Expose = secrets.Item2,
                    })],
                },
            });

    private static readonly Gen<GuardPolicy> Policies =
        Gen.Select(Gen.Int[0, 5], Gen.Bool, Gen.Bool, Gen.OneOf<string?>(null, "critical", "high", "medium", "low", "bogus"), Cidrs)
            .Select((n, enforce, quarantine, severity, cidr) => Scenario.Policy($"p{n}")
                .With(s => s.Enforcement = enforce ? EnforcementModes.Enforce : null)
                .With(s => s.BlockAt = severity)
                .Control(ControlCatalog.All[n].Id, severity, disabled: n % 2 == 0 ? true : null)
                .AllowedEgress(cidr ?? "10.0.0.0/8")
                .MinimumVersion("vllm/vllm-openai", "0.6.4")
                .With(s => s.IncidentResponse = quarantine ? new IncidentResponsePolicy { OnCritical = IncidentResponsePolicy.Quarantine } : null)
                .Build());

    [Fact]
    public void Any_input_gives_a_consistent_verdict_without_throwing()
    {
        var judged = 0;
        Gen.Select(Models, Policies.List[0, 3]).Sample((model, policies) =>
        {
            var assessment = Scenario.Evaluate(model, policies);
            if (assessment.SpecErrors.Count == 0)
            {
                Interlocked.Increment(ref judged);
            }

            Assert.Equal(assessment.SpecErrors.Count > 0, assessment.Phase == Phases.Error);
            Assert.InRange(assessment.Score, 0, 100);
            Assert.True(!assessment.Blocked || assessment.Enforcement == EnforcementModes.Enforce);
            Assert.Equal(
                assessment.Findings.OrderByDescending(f => SeverityScale.Rank(f.Severity)).ThenBy(f => f.Control, StringComparer.Ordinal).Select(f => f.Control),
                assessment.Findings.Select(f => f.Control));
            foreach (var result in assessment.Results)
            {
                var unwaived = assessment.Findings.Any(f => f.Control == result.Control && !f.Waived);
                Assert.Equal(!result.Passed, unwaived);
            }

            if (assessment.SpecErrors.Count == 0)
            {
                var expectedPhase = assessment.Quarantined ? Phases.Quarantined
                    : assessment.Blocked ? Phases.Blocked
                    : assessment.Compliant ? Phases.Compliant
                    : Phases.NonCompliant;
                Assert.Equal(expectedPhase, assessment.Phase);
                Assert.Equal(assessment.Results.All(r => r.Passed) ? 100 : assessment.Score, assessment.Score);
            }
        }, iter: 2000);

        // The generator must reach the judging path often, not only spec errors.
        Assert.True(judged > 100, $"only {judged} valid samples");
    }
}
