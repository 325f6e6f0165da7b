using System.Diagnostics;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Sandbox.Faults;
using k8s;
using Xunit.Abstractions;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Item 6 of issue 4: with 20% of writes failing (500), some 429s with Retry-After, watches closed every few
/// seconds and one forced 410, 100 ModelDeployments still converge, with no duplicate children and bounded retries.
/// </summary>
public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    private const string Ns = "ml-faults";
    private const int Models = 100;
    private static readonly string[] ChildResources = ["networkpolicies", "serviceaccounts", "services", "deployments"];

    [Fact]
    public async Task Hundred_models_converge_under_failing_writes_throttling_closed_watches_and_a_410()
    {
        await using var h = await OperatorHarness.StartAsync();
        await h.CreateNamespaceAsync(Ns);
        await Quiescence.WaitAsync(h.Core);

        // Every write the operator makes in the namespace: child creates and applies, status and merge patches,
        // deletes, event creates (the test's own ModelDeployment creates are spared).
        foreach (var verb in new[] { "apply", "patch", "delete" })
        {
            h.Sandbox.Faults.Add(new FaultRule { Verb = verb, Namespace = Ns, Probability = 0.2, StatusCode = 500, Message = "injected" });
        }

        foreach (var resource in ChildResources.Append("events"))
        {
            h.Sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = resource, Namespace = Ns, Probability = 0.2, StatusCode = 500, Message = "injected" });
        }

        foreach (var resource in ChildResources)
        {
            h.Sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = resource, Namespace = Ns, Probability = 0.05, StatusCode = 429, RetryAfterSeconds = 1, Message = "slow down" });
        }
        h.Sandbox.Metrics.Reset();

        using var chaos = new CancellationTokenSource();
        var watchCloser = Task.Run(async () =>
        {
            var forced410 = false;
            while (!chaos.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), chaos.Token).ContinueWith(_ => { });
                if (!forced410)
                {
                    h.Sandbox.Faults.CompactHistory(); // the next watch from an old resourceVersion gets 410 Expired
                    forced410 = true;
                }

                h.Sandbox.Faults.CloseWatches();
            }
        });

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Models; i++)
        {
            await h.CreateAsync(TestModels.Compliant(Ns, $"m{i:000}"));
        }

        await Eventually.TrueAsync(() => Task.FromResult(
            h.Core.Caches.ModelDeployments.List(Ns).Count(m => m.Status?.Phase == Phases.Compliant && m.Status.ObservedGeneration == m.Metadata.Generation) == Models),
            "100 models Compliant under faults", TimeSpan.FromSeconds(90));
        var converged = clock.Elapsed;
        await chaos.CancelAsync();
        await watchCloser;
        h.Sandbox.Faults.Clear();
        await Quiescence.WaitAsync(h.Core);

        // Final state through the API, not the cache: exactly one of each child per model, each owned by its model.
        var selector = $"{ApiGroup.ManagedByLabel}={ApiGroup.ManagedByValue}";
        var policies = (await h.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(Ns, labelSelector: selector)).Items;
        var accounts = (await h.Client.CoreV1.ListNamespacedServiceAccountAsync(Ns, labelSelector: selector)).Items;
        var services = (await h.Client.CoreV1.ListNamespacedServiceAsync(Ns, labelSelector: selector)).Items;
        var deployments = (await h.Client.AppsV1.ListNamespacedDeploymentAsync(Ns, labelSelector: selector)).Items;
        foreach (var names in new[] { policies.Select(p => p.Metadata.Name), accounts.Select(a => a.Metadata.Name), services.Select(s => s.Metadata.Name), deployments.Select(d => d.Metadata.Name) })
        {
            var list = names.ToList();
            Assert.Equal(Models, list.Count);
            Assert.Equal(Models, list.Distinct().Count());
        }

        var models = h.Core.Caches.ModelDeployments.List(Ns).ToDictionary(m => m.Metadata.Name, m => m.Metadata.Uid);
        Assert.All(deployments, d => Assert.Equal(models[d.Metadata.Name], d.Metadata.OwnerReferences.Single().Uid));
        Assert.All(policies, p => Assert.Equal(models[p.Metadata.Name], p.Metadata.OwnerReferences.Single().Uid));

        // Bounded retries: each child needs one successful write (a create); failures (about 25%) add retries, never a storm.
        var applies = ChildResources.Sum(r => h.Sandbox.Metrics.Count("create", r) + h.Sandbox.Metrics.Count("apply", r));
        var failedApplies = ChildResources.Sum(r => new[] { "create", "apply" }.Sum(verb => h.Sandbox.Metrics.Count(verb, r, 500) + h.Sandbox.Metrics.Count(verb, r, 429)));
        var statusWrites = h.Sandbox.Metrics.Count("patch", "modeldeployments/status");
        var gets = h.Sandbox.Metrics.Snapshot().Where(p => p.Key.Verb == "get").Sum(p => p.Value);
        var lists = h.Sandbox.Metrics.Snapshot().Where(p => p.Key.Verb == "list").Sum(p => p.Value);
        output.WriteLine($"converged in {converged.TotalSeconds:0.0} s: {applies} child creates and applies ({failedApplies} failed) for {Models * 4} children, "
            + $"{statusWrites} status writes, {gets} GETs, {lists} LISTs, {h.Sandbox.Metrics.Snapshot().Where(p => p.Key.Verb == "watch").Sum(p => p.Value)} WATCHes");
        Assert.InRange(applies - failedApplies, Models * 4, Models * 4 * 1.1);
        Assert.True(applies <= Models * 4 * 2, $"{applies} applies for {Models * 4} children");
        Assert.True(statusWrites <= Models * 6, $"{statusWrites} status writes for {Models} models");
        var throttled = ChildResources.Sum(r => h.Sandbox.Metrics.Count("create", r, 429));
        Assert.True(throttled > 0, "no 429 was injected");
        Assert.True(lists > 4, "no cache relisted after the forced 410"); // the test's own four LISTs aside
        Assert.Equal(0, gets); // the test reads through LISTs and the cache: any GET would be the operator's
    }
}
