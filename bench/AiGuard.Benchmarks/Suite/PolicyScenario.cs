using System.Diagnostics;
using AiGuard.Api;
using AiGuard.Api.Policies;
using k8s;
using k8s.Models;

namespace AiGuard.Benchmarks.Suite;

/// <summary>Policy change: one GuardPolicy patch that flips the verdict of half of N converged models.</summary>
internal static class PolicyScenario
{
    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var models = (int)(options.Size ?? options.Models ?? 5000);
        var result = new ScenarioResult($"policy {models}", SuiteCommand.For($"policy {models}"));
        var flipped = Enumerable.Range(0, models).Count(i => BenchFleet.ExpectedBefore(i) != BenchFleet.ExpectedAfterFlip(i));
        Console.WriteLine($"policy change: {models} converged models; a minimum triton version blocks {flipped} of them");
        await using var stack = await BenchStack.StartAsync(options);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        var clock = Stopwatch.StartNew();
        await stack.Sandbox.Client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(BenchFleet.FlipPatch, V1Patch.PatchType.MergePatch),
            ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural, BenchFleet.PolicyName);
        var settled = await stack.WaitSettledAsync(models, BenchFleet.ExpectedAfterFlip, clock);
        if (settled is null)
        {
            return result.Fail("did not re-converge");
        }

        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        var statusWrites = requests.Server.WritesOn("modeldeployments/status");
        result.Add("models touched", models, "");
        result.Add("verdicts flipped", flipped, "");
        result.Add("re-converged", settled.Value.TotalSeconds, "s");
        result.Add("models re-evaluated/s", models / settled.Value.TotalSeconds, "1/s");
        result.Add("status writes", statusWrites, "");
        result.Add("other operator writes", requests.Writes - statusWrites, "");
        result.AddGets(requests);
        return result;
    }
}
