using AiGuard.Sandbox.Auth;
using AiGuard.Sandbox.Controllers;
using AiGuard.Sandbox.Faults;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Metrics;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Storage;
using AiGuard.Sandbox.Workloads;

namespace AiGuard.Sandbox;

/// <summary>The in-memory cluster behind the HTTP front: served types, stored objects and the controllers that react to writes.</summary>
internal sealed class Cluster : IDisposable
{
    public Cluster(SandboxOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Registry = new ResourceRegistry(BuiltInTypes.All().Concat(AuthTypes.All()));
        Storage = new ObjectStorage(options.HistorySize);
        Operations = new ResourceOperations(this);
        Collector = new GarbageCollector(this);
        Namespaces = new NamespaceLifecycle(this);
        Workloads = options.SimulateWorkloads ? new DeploymentSimulator(this, options.WorkloadReadyDelay) : null;
        Faults = new FaultInjector(this);
        Access = new AccessControl(this, options.TokenFile is { Length: > 0 } tokenFile ? StaticTokenFile.Load(tokenFile) : new Dictionary<string, UserInfo>());
    }

    public SandboxOptions Options { get; }
    public ResourceRegistry Registry { get; }
    public ObjectStorage Storage { get; }
    public ResourceOperations Operations { get; }
    public GarbageCollector Collector { get; }
    public NamespaceLifecycle Namespaces { get; }
    public DeploymentSimulator? Workloads { get; }
    public FaultInjector Faults { get; }
    public RequestMetrics Metrics { get; } = new();
    public TimeProvider Time { get; }

    /// <summary>Authentication, RBAC and the TokenRequest API.</summary>
    public AccessControl Access { get; }

    private readonly CancellationTokenSource stopping = new();

    /// <summary>Cancelled when the sandbox stops: background controllers end.</summary>
    public CancellationToken Stopping => stopping.Token;

    public void Stop() => stopping.Cancel();

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public ResourceStore StoreOf(ResourceType type) => Storage.For(type.StorageKey);

    /// <summary>
    /// x-kubernetes-validations rules the sandbox does not enforce, one line each, for every served custom
    /// resource version (or only those of the CRD named <paramref name="crdName"/>).
    /// </summary>
    public IReadOnlyList<string> SkippedValidationRules(string? crdName = null) =>
        Registry.Current.Types
            .Where(t => t.Schema is not null && (crdName is null || t.Plural + "." + t.Group == crdName))
            .SelectMany(t => t.Schema!.SkippedRules.Select(r =>
                $"{t.Plural}.{t.Group}/{t.Version}: x-kubernetes-validations rule \"{r.Rule}\" at {(r.Path.Length == 0 ? "<root>" : r.Path)} is not enforced by the sandbox: {r.Reason}"))
            .ToList();

    /// <summary>Creates the namespaces every real cluster starts with.</summary>
    public void Seed()
    {
        var ns = Registry.Current.Find("", "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Operations.Create(ns, null, new System.Text.Json.Nodes.JsonObject
            {
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name },
            }, WriteOptions.System);
        }

        Access.SeedDefaultPolicy();
    }

    // The token source is cancelled, not disposed: late writes (a request finishing during shutdown) may still
    // read Stopping, and a cancelled source holds no timer or handle.
    public void Dispose() => stopping.Cancel();
}
