using System.Text;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Sealing;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Sealing;
using AiGuard.Sealing;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Sealed secrets through the real OperatorCore over the sandbox: opened values become immutable content-addressed
/// Secrets mounted read-only; a rotation creates the new Secret, rolls the Deployment and only then deletes the old
/// one; a value that does not open is an AIG-SEC-03 finding with the reason, yields no Secret at all for its entry,
/// and blocks the rollout under Enforce.
/// </summary>
[Collection(SealingKeysCollection.Name)]
public sealed class SealedSecretLifecycleTests(SealingTestKeys keys) : IAsyncLifetime
{
    private const string Ns = "ml-sealed";
    private const string MountPath = "/var/run/secrets/api";
    private OperatorHarness _h = null!;
    private KeyRing _ring = null!;

    public async Task InitializeAsync()
    {
        _ring = SealingTestKeys.RingOf(keys.Cluster);
        _h = await OperatorHarness.StartAsync(sealing: new SealedDataVerifier(_ring));
        await _h.CreateNamespaceAsync(Ns);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        _ring.Dispose();
    }

    private string Seal(string model, string secret, string value) =>
        SealingTestKeys.Seal(keys.Cluster, value, SealingScope.Strict(Ns, model, secret));

    private static string Tamper(string sealedText)
    {
        // A character inside the GCM tag: the envelope still parses, only authentication fails.
        var i = sealedText.Length - 6;
        return sealedText[..i] + (sealedText[i] == 'A' ? 'B' : 'A') + sealedText[(i + 1)..];
    }

    private static ModelDeployment WithSecret(string name, string secret, Dictionary<string, string> sealedData, string? expose = null)
    {
        var model = TestModels.Compliant(Ns, name);
        model.Spec.Enforcement = EnforcementModes.Enforce;
        model.Spec.Secrets = [new SecretSpec { Name = secret, MountPath = MountPath, SealedData = sealedData, Expose = expose }];
        return model;
    }

    private static string SecretPatch(string secret, string key, string sealedText) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            spec = new { secrets = new[] { new { name = secret, mountPath = MountPath, sealedData = new Dictionary<string, string> { [key] = sealedText } } } },
        });

    private async Task<List<V1Secret>> SecretsOfAsync(string model, string secret) =>
        (await _h.Client.CoreV1.ListNamespacedSecretAsync(Ns)).Items
            .Where(s => s.Metadata.Name.StartsWith($"{model}-{secret}-", StringComparison.Ordinal))
            .ToList();

    private async Task<V1Deployment?> DeploymentAsync(string name)
    {
        try
        {
            return await _h.Client.AppsV1.ReadNamespacedDeploymentAsync(name, Ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string? MountedSecret(V1Deployment deployment, string secret)
    {
        var pod = deployment.Spec.Template.Spec;
        var volume = pod.Volumes?.SingleOrDefault(v => v.Name == "secret-" + secret);
        var mount = pod.Containers[0].VolumeMounts?.SingleOrDefault(m => m.Name == "secret-" + secret);
        return volume?.Secret is not null && mount is { ReadOnlyProperty: true, MountPath: MountPath } ? volume.Secret.SecretName : null;
    }

    private static bool RolledOut(V1Deployment d) =>
        d.Status is { } s && s.ObservedGeneration == d.Metadata.Generation
        && s.UpdatedReplicas == (d.Spec.Replicas ?? 1) && s.AvailableReplicas == (d.Spec.Replicas ?? 1) && s.Replicas == s.UpdatedReplicas;

    [Fact]
    public async Task Opened_value_becomes_an_immutable_owned_secret_mounted_read_only()
    {
        var created = await _h.CreateAsync(WithSecret("scorer", "api-key", new() { ["token"] = Seal("scorer", "api-key", "s3cr3t-v1") }));
        await _h.WaitForPhaseAsync(Ns, "scorer", Phases.Compliant);

        var secret = Assert.Single(await SecretsOfAsync("scorer", "api-key"));
        Assert.Matches("^scorer-api-key-[0-9a-f]{8}$", secret.Metadata.Name);
        Assert.True(secret.Immutable);
        Assert.Equal("s3cr3t-v1", Encoding.UTF8.GetString(secret.Data["token"]));
        var owner = Assert.Single(secret.Metadata.OwnerReferences);
        Assert.Equal((ModelDeployment.KubeKind, created.Metadata.Uid, true), (owner.Kind, owner.Uid, owner.Controller ?? false));

        var deployment = await DeploymentAsync("scorer");
        Assert.Equal(secret.Metadata.Name, MountedSecret(deployment!, "api-key"));
    }

    [Fact]
    public async Task Env_exposure_reads_each_key_from_the_immutable_secret()
    {
        await _h.CreateAsync(WithSecret("env-model", "api-key", new() { ["token"] = Seal("env-model", "api-key", "env-value") }, SecretExposure.Env));
        var secret = await OperatorHarness.PollAsync(async () => (await SecretsOfAsync("env-model", "api-key")).SingleOrDefault(), () => "the env Secret");

        var deployment = await OperatorHarness.PollAsync(() => DeploymentAsync("env-model"), () => "the Deployment");
        var env = deployment.Spec.Template.Spec.Containers[0].Env ?? [];
        Assert.Contains(env, e => e.ValueFrom?.SecretKeyRef is { Key: "token" } r && r.Name == secret.Metadata.Name);
        Assert.Null(MountedSecret(deployment, "api-key"));
    }

    [Fact]
    public async Task Rotation_creates_the_new_secret_rolls_the_deployment_and_then_deletes_the_old_one()
    {
        using var history = await ChildHistory.StartAsync(_h.Client, Ns);
        await _h.CreateAsync(WithSecret("rotor", "api-key", new() { ["token"] = Seal("rotor", "api-key", "value-one") }));
        await _h.WaitForPhaseAsync(Ns, "rotor", Phases.Compliant);
        var old = Assert.Single(await SecretsOfAsync("rotor", "api-key")).Metadata.Name;
        await OperatorHarness.PollAsync(async () => await DeploymentAsync("rotor") is { } d && RolledOut(d) ? d : null, () => "the first rollout");

        await _h.PatchModelAsync(Ns, "rotor", SecretPatch("api-key", "token", Seal("rotor", "api-key", "value-two")));

        // The new Secret appears, the Deployment mounts it and rolls out, and the old Secret goes.
        var fresh = await OperatorHarness.PollAsync(async () =>
            (await SecretsOfAsync("rotor", "api-key")).SingleOrDefault(s => s.Metadata.Name != old && (s.Data?["token"] is { } v) && Encoding.UTF8.GetString(v) == "value-two"),
            () => "the rotated Secret");
        await OperatorHarness.PollAsync(async () =>
            await DeploymentAsync("rotor") is { } d && MountedSecret(d, "api-key") == fresh.Metadata.Name && RolledOut(d) ? d : null,
            () => "the Deployment to roll out to the rotated Secret");
        await Eventually.TrueAsync(async () => (await SecretsOfAsync("rotor", "api-key")).All(s => s.Metadata.Name != old), "the old Secret to be deleted");

        // The two watches deliver on their own schedules: wait until each has shown what the order check reads.
        await Eventually.TrueAsync(
            () => history.Any(e => e.Type == WatchEventType.Deleted && e.Name == old)
                && history.Any(e => e.Type == WatchEventType.Added && e.Name == fresh.Metadata.Name)
                && history.Any(e => e.Object is V1Deployment d && MountedSecret(d, "api-key") == fresh.Metadata.Name && RolledOut(d)),
            "the watches to deliver the rotation's Secret and Deployment events");

        // In resourceVersion order (one clock for every kind): the new Secret existed before any Deployment mounted
        // it, and the old one was deleted only after the Deployment stopped mounting it and finished rolling out.
        var deleted = history.Single(e => e.Type == WatchEventType.Deleted && e.Name == old);
        var added = history.Single(e => e.Type == WatchEventType.Added && e.Name == fresh.Metadata.Name);
        var firstMount = history.First(e => e.Object is V1Deployment d && MountedSecret(d, "api-key") == fresh.Metadata.Name);
        Assert.True(added.Version < firstMount.Version, "the Deployment referenced the new Secret before it existed");
        var before = history.Last(e => e.Object is V1Deployment && e.Version < deleted.Version);
        var deployment = (V1Deployment)before.Object;
        Assert.Equal(fresh.Metadata.Name, MountedSecret(deployment, "api-key"));
        Assert.True(RolledOut(deployment), $"old Secret deleted at {deleted.Version} while the Deployment (at {before.Version}) was still rolling out");
    }

    [Fact]
    public async Task Tampered_value_is_a_critical_finding_with_the_reason_and_blocks_a_new_rollout()
    {
        await _h.CreateAsync(WithSecret("forged", "api-key", new() { ["token"] = Tamper(Seal("forged", "api-key", "never-shown")) }));

        var blocked = await _h.WaitForPhaseAsync(Ns, "forged", Phases.Blocked);

        var finding = Assert.Single(blocked.Status!.Findings!, f => f.Control == "AIG-SEC-03");
        Assert.Equal("critical", finding.Severity);
        Assert.False(finding.Waived);
        Assert.Contains("spec.secrets[0] (api-key) key token does not open: tampered", finding.Message);
        Assert.Empty(await SecretsOfAsync("forged", "api-key"));
        Assert.Null(await DeploymentAsync("forged"));
        Assert.DoesNotContain("never-shown", KubernetesJson.Serialize(blocked));
    }

    [Fact]
    public async Task Value_that_stops_opening_keeps_the_last_deployment_and_the_secret_it_mounts()
    {
        await _h.CreateAsync(WithSecret("steady", "api-key", new() { ["token"] = Seal("steady", "api-key", "good-value") }));
        await _h.WaitForPhaseAsync(Ns, "steady", Phases.Compliant);
        var before = (await DeploymentAsync("steady"))!;
        var mounted = MountedSecret(before, "api-key");

        // A value copied from another model: sealed for another scope.
        await _h.PatchModelAsync(Ns, "steady", SecretPatch("api-key", "token", Seal("other", "api-key", "moved")));
        var blocked = await _h.WaitForPhaseAsync(Ns, "steady", Phases.Blocked);
        await Quiescence.WaitAsync(_h.Core);

        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-SEC-03" && f.Message.Contains("sealed for another scope", StringComparison.Ordinal));
        var after = (await DeploymentAsync("steady"))!;
        Assert.Equal(before.Metadata.Generation, after.Metadata.Generation);
        Assert.Equal(mounted, MountedSecret(after, "api-key"));
        Assert.Equal([mounted], (await SecretsOfAsync("steady", "api-key")).Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task Secret_with_one_tampered_key_yields_no_secret_at_all()
    {
        await _h.CreateAsync(WithSecret("partial", "creds", new()
        {
            ["username"] = Seal("partial", "creds", "alice"),
            ["password"] = Tamper(Seal("partial", "creds", "hunter2")),
        }));

        var blocked = await _h.WaitForPhaseAsync(Ns, "partial", Phases.Blocked);
        await Quiescence.WaitAsync(_h.Core);

        var finding = Assert.Single(blocked.Status!.Findings!, f => f.Control == "AIG-SEC-03");
        Assert.Contains("key password does not open: tampered", finding.Message);
        Assert.DoesNotContain("username", finding.Message);
        Assert.Empty(await SecretsOfAsync("partial", "creds"));
        Assert.Equal(0, _h.Sandbox.Metrics.Count("create", "secrets") + _h.Sandbox.Metrics.Count("apply", "secrets"));
        Assert.Null(await DeploymentAsync("partial"));
    }

    /// <summary>Every Secret and Deployment event of a namespace, ordered by resourceVersion.</summary>
    private sealed class ChildHistory : IDisposable
    {
        private readonly List<Entry> _entries = [];
        private readonly List<IDisposable> _watches = [];

        public sealed record Entry(long Version, WatchEventType Type, string Name, object Object);

        public static async Task<ChildHistory> StartAsync(Kubernetes client, string ns)
        {
            var history = new ChildHistory();
            // The callback watch is marked for a future rename only; it is what this client version offers per type.
#pragma warning disable CS0618
            history._watches.Add(client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(ns, watch: true)
                .Watch<V1Secret, V1SecretList>((type, s) => history.Record(type, s)));
            history._watches.Add(client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(ns, watch: true)
                .Watch<V1Deployment, V1DeploymentList>((type, d) => history.Record(type, d)));
#pragma warning restore CS0618
            await Task.Yield();
            return history;
        }

        public bool Any(Func<Entry, bool> match) => Snapshot().Any(match);

        public Entry Single(Func<Entry, bool> match) => Assert.Single(Snapshot(), e => match(e));

        public Entry First(Func<Entry, bool> match) => Snapshot().First(match);

        public Entry Last(Func<Entry, bool> match) => Snapshot().Last(match);

        private List<Entry> Snapshot()
        {
            lock (_entries)
            {
                return [.. _entries.OrderBy(e => e.Version)];
            }
        }

        private void Record(WatchEventType type, IKubernetesObject<V1ObjectMeta> obj)
        {
            lock (_entries)
            {
                _entries.Add(new Entry(long.Parse(obj.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture), type, obj.Metadata.Name, obj));
            }
        }

        public void Dispose() => _watches.ForEach(w => w.Dispose());
    }
}
