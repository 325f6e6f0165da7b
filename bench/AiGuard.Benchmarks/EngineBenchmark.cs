using System.Diagnostics;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine;
using AiGuard.Engine.Planning;
using k8s.Models;

namespace AiGuard.Benchmarks;

/// <summary>
/// EngineBenchmark measures what one reconcile costs in pure CPU: Evaluator.Evaluate plus Planner.Plan for a
/// realistic model under five policies and two exceptions. Prints evaluations per second and bytes allocated each.
/// </summary>
internal static class EngineBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var input = Input();
        var opened = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>();

        for (var i = 0; i < 2_000; i++)
        {
            Planner.Plan(input.Model, Evaluator.Evaluate(input), opened, runningDeployment: null);
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            Planner.Plan(input.Model, Evaluator.Evaluate(input), opened, runningDeployment: null);
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine($"engine: {iterations} evaluate+plan in {watch.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"engine: {iterations / watch.Elapsed.TotalSeconds:F0} evaluations/s, {watch.Elapsed.TotalMicroseconds / iterations:F1} us each, {allocated / iterations / 1024.0:F1} KiB allocated each");
        return Task.FromResult(0);
    }

    private static EvaluationInput Input()
    {
        var model = new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = "fraud-scorer", NamespaceProperty = "ml-prod", Uid = "7d1c0a52-0000-4000-8000-000000000001", Generation = 1 },
            Spec = new ModelDeploymentSpec
            {
                Owner = "team-risk@example.com",
                RiskLevel = RiskLevels.High,
                Model = new ModelSource { Uri = "s3://models/fraud/v3/model.onnx", Sha256 = new string('a', 64) },
                Serving = new ServingSpec { Image = "vllm/vllm-openai:v0.6.2", Port = 8000 },
                Network = new NetworkSpec
                {
                    Ingress = [new IngressRule { From = [new NetworkPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } } }] }],
                    Egress = [new EgressRule { To = [new NetworkPeer { IpBlock = new IpBlock { Cidr = "10.20.0.0/16" } }], Ports = [443] }],
                },
                Updates = new UpdatesSpec { Patch = PatchModes.Auto },
            },
        };
        var policies = Enumerable.Range(0, 5).Select(i => new GuardPolicy
        {
            Metadata = new V1ObjectMeta { Name = $"policy-{i}" },
            Spec = new GuardPolicySpec
            {
                Enforcement = EnforcementModes.Enforce,
                Images = new ImagePolicy
                {
                    AllowedRegistries = ["docker.io/vllm", "nvcr.io/nvidia"],
                    MinimumVersions = [new MinimumVersion { Repository = "vllm/vllm-openai", Version = "0.6.4" }],
                },
                Network = new NetworkPolicyRules { AllowedEgressCidrs = ["10.0.0.0/8"] },
            },
        }).ToList();
        var exceptions = Enumerable.Range(0, 2).Select(i => new GuardException
        {
            Metadata = new V1ObjectMeta { Name = $"wait-{i}", NamespaceProperty = "ml-prod" },
            Spec = new GuardExceptionSpec
            {
                ModelDeployments = ["fraud-scorer"],
                Controls = ["AIG-IMG-02"],
                Justification = "vendor fix ships next sprint, ingress limited",
                ApprovedBy = "security@example.com",
                ExpiresAt = new DateTime(2026, 12, 10, 0, 0, 0, DateTimeKind.Utc),
            },
        }).ToList();
        return new EvaluationInput(model, new Dictionary<string, string>(), policies, exceptions,
            new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    }
}
