using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Network reach is never given on trust (controls.md, "Grants"): a change that opens ingress or egress is blocked
/// under Enforce, the running Deployment keeps its last compliant spec, and the live NetworkPolicy falls back to the
/// secure default instead of the declared rules, so the pods that keep running never get the widened reach, not even
/// for one watch event.
/// </summary>
public sealed class BlockedNetworkTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-netfreeze";
    private const string NarrowIngress = """{"spec":{"network":{"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"checkout"}}}]}]}}}""";

    [Fact]
    public async Task Open_ingress_change_is_blocked_and_never_reaches_the_live_network_policy()
    {
        using var history = await StartHistoryAsync("gateway");
        var deployment = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("gateway", Ns);

        await Harness.PatchModelAsync(Ns, "gateway",
            """{"spec":{"network":{"ingress":[{"from":[]},{"from":[{"ipBlock":{"cidr":"0.0.0.0/0"}}]}]}}}""");
        var blocked = await Harness.WaitForPhaseAsync(Ns, "gateway", Phases.Blocked);

        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-NET-01" && !f.Waived);
        var running = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("gateway", Ns);
        Assert.Equal(deployment.Metadata.Uid, running.Metadata.Uid);
        Assert.Equal(deployment.Metadata.Generation, running.Metadata.Generation);
        await Quiescence.WaitAsync(Harness.Core);
        AssertSecureDefault(await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("gateway", Ns), "gateway");
        Assert.DoesNotContain(history.Events, p => p.Spec.Ingress?.Any(r => r.FromProperty is null or { Count: 0 } || r.FromProperty.Any(peer => peer.IpBlock is not null)) == true);

        // Fixing the spec restores the declared narrow rule: the fallback follows the controls, it is not sticky.
        await Harness.PatchModelAsync(Ns, "gateway", NarrowIngress);
        await Harness.WaitForPhaseAsync(Ns, "gateway", Phases.Compliant);
        var restored = await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("gateway", Ns);
        Assert.Equal("checkout", Assert.Single(Assert.Single(restored.Spec.Ingress).FromProperty).PodSelector.MatchLabels["app"]);
    }

    [Fact]
    public async Task Metadata_endpoint_egress_change_is_blocked_and_never_reaches_the_live_network_policy()
    {
        using var history = await StartHistoryAsync("fetcher");

        await Harness.PatchModelAsync(Ns, "fetcher",
            """{"spec":{"network":{"egress":[{"to":[{"ipBlock":{"cidr":"169.254.169.254/32"}}],"ports":[80]}]}}}""");
        var blocked = await Harness.WaitForPhaseAsync(Ns, "fetcher", Phases.Blocked);

        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-NET-02" && !f.Waived);
        await Quiescence.WaitAsync(Harness.Core);
        AssertSecureDefault(await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("fetcher", Ns), "fetcher");
        Assert.DoesNotContain(history.Events, p => p.Spec.Egress?.Any(r => r.To is null or { Count: 0 } || r.To.Any(peer => peer.IpBlock is not null)) == true);
    }

    /// <summary>
    /// Creates a Compliant model with a narrow declared ingress, and records the namespace's NetworkPolicy watch
    /// events from before the model exists; returns once the watch has delivered the model's declared policy.
    /// </summary>
    private async Task<NetworkPolicyHistory> StartHistoryAsync(string name)
    {
        var history = new NetworkPolicyHistory(Harness.Client, Ns);
        var model = TestModels.Compliant(Ns, name);
        model.Spec.Network = new NetworkSpec
        {
            Ingress = [new IngressRule { From = [new NetworkPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } } }] }],
        };
        await Harness.CreateAsync(model);
        await Harness.WaitForPhaseAsync(Ns, name, Phases.Compliant);
        await Eventually.TrueAsync(
            () => Task.FromResult(history.Events.Any(p => p.Metadata.Name == name
                && p.Spec.Ingress?.SingleOrDefault()?.FromProperty?.SingleOrDefault()?.PodSelector?.MatchLabels is { } labels
                && labels.TryGetValue("app", out var app) && app == "checkout")),
            $"the NetworkPolicy watch to deliver {name}'s declared policy");
        return history;
    }

    /// <summary>The policy a spec without network rules gets: same-namespace client-of pods on the serving port in, DNS out.</summary>
    private static void AssertSecureDefault(V1NetworkPolicy policy, string name)
    {
        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        var ingress = Assert.Single(policy.Spec.Ingress);
        var peer = Assert.Single(ingress.FromProperty);
        Assert.Null(peer.NamespaceSelector);
        Assert.Null(peer.IpBlock);
        Assert.Equal(new Dictionary<string, string> { [ApiGroup.ClientOfLabel] = name }, peer.PodSelector.MatchLabels);
        Assert.Equal(["8000"], ingress.Ports.Select(p => (string)p.Port));
        var dns = Assert.Single(policy.Spec.Egress);
        Assert.Equal("kube-dns", Assert.Single(dns.To).PodSelector.MatchLabels["k8s-app"]);
    }

    /// <summary>Every NetworkPolicy watch event of one namespace.</summary>
    private sealed class NetworkPolicyHistory : IDisposable
    {
        private readonly List<V1NetworkPolicy> _events = [];
        private readonly Watcher<V1NetworkPolicy> _watch;

        public NetworkPolicyHistory(Kubernetes client, string ns)
        {
            // The callback watch is marked for a future rename only; it is what this client version offers per type.
#pragma warning disable CS0618
            _watch = client.NetworkingV1.ListNamespacedNetworkPolicyWithHttpMessagesAsync(ns, watch: true)
                .Watch<V1NetworkPolicy, V1NetworkPolicyList>((_, policy) =>
                {
                    lock (_events)
                    {
                        _events.Add(policy);
                    }
                });
#pragma warning restore CS0618
        }

        public IReadOnlyList<V1NetworkPolicy> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public void Dispose() => _watch.Dispose();
    }
}
