using System.Reflection;
using AiGuard.Operator.Runtime;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorMetrics are the series the host owns on top of the runtime's (<see cref="RuntimeMetrics"/>) and the API
/// client's (<see cref="RestClientMetrics"/>), all in the one registry the <c>/metrics</c> endpoint serves:
/// client-go's <c>leader_election_master_status{name}</c> (name = the Lease), <c>aiguard_build_info{version}</c>,
/// whether the caches are synced, and how often this replica's leadership changed.
/// </summary>
public sealed class OperatorMetrics
{
    private readonly Gauge.Child _leader;
    private readonly Gauge _cachesSynced;
    private readonly Counter _leadershipChanges;

    /// <summary>Creates the series in <paramref name="registry"/>; this replica starts as a standby.</summary>
    /// <param name="registry">Where the series live.</param>
    /// <param name="leaseName">The leader-election Lease, the <c>name</c> label of leader_election_master_status.</param>
    public OperatorMetrics(CollectorRegistry registry, string leaseName = OperatorOptions.DefaultLeaseName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Runtime = new RuntimeMetrics(registry);
        RestClient = new RestClientMetrics(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _leader = factory.CreateGauge(
            "leader_election_master_status",
            "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. "
            + "'name' is the string used to identify the lease. Please make sure to group by name.",
            new GaugeConfiguration { LabelNames = ["name"] }).WithLabels(leaseName);
        _leader.Set(0);
        factory.CreateGauge(
            "aiguard_build_info", "Always 1; the version label is the running operator's release.",
            new GaugeConfiguration { LabelNames = ["version"] }).WithLabels(Version).Set(1);
        _cachesSynced = factory.CreateGauge("aiguard_caches_synced", "1 once every cache has listed its objects (what /readyz reports).");
        _leadershipChanges = factory.CreateCounter(
            "aiguard_leadership_transitions_total", "Times this replica started or stopped leading.",
            new CounterConfiguration { LabelNames = ["transition"] });
    }

    /// <summary>
    /// Exports <c>aiguard_sealing_key_expiry_timestamp_seconds</c>, read at scrape time from <paramref name="activeNotAfter"/>:
    /// when the newest sealing key stops being valid. The chart's AiGuardSealingKeyNearExpiry alert fires when renewal
    /// keeps failing and that time comes close. Absent until a key is loaded.
    /// </summary>
    /// <param name="activeNotAfter">The active key's NotAfter, or null while no key is loaded.</param>
    public void TrackSealingKeyExpiry(Func<DateTimeOffset?> activeNotAfter)
    {
        ArgumentNullException.ThrowIfNull(activeNotAfter);
        var expiry = Metrics.WithCustomRegistry(Registry).CreateGauge(
            "aiguard_sealing_key_expiry_timestamp_seconds",
            "Unix time at which the newest (active) sealing key expires.",
            new GaugeConfiguration { SuppressInitialValue = true });
        Registry.AddBeforeCollectCallback(() =>
        {
            if (activeNotAfter() is { } notAfter)
            {
                expiry.Set(notAfter.ToUnixTimeSeconds());
            }
        });
    }

    /// <summary>The operator's release: the assembly's informational version without build metadata (e.g. <c>0.2.0</c>).</summary>
    public static string Version { get; } =
        (typeof(OperatorMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown")
        .Split('+')[0];

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The runtime's series in the same registry; hand it to the controller core.</summary>
    public RuntimeMetrics Runtime { get; }

    /// <summary>The API client's series in the same registry; put its handler in the client's pipeline.</summary>
    public RestClientMetrics RestClient { get; }

    /// <summary>Records whether this replica leads (runs the workers), alone or by holding the Lease.</summary>
    public void SetLeader(bool leading)
    {
        _leader.Set(leading ? 1 : 0);
        _leadershipChanges.WithLabels(leading ? "started" : "stopped").Inc();
    }

    /// <summary>Records whether the caches are synced.</summary>
    public void SetCachesSynced(bool synced) => _cachesSynced.Set(synced ? 1 : 0);
}
