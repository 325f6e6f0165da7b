using AiGuard.Operator.Runtime;
using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorLifecycle is the hosted service that runs a replica: it starts the caches and the sealing key reload on
/// every replica (so a standby is warm and can take over at once), then either leads alone or campaigns for the
/// Lease. While leading it loads the sealing keys, runs the workers and creates or renews keys in the background; losing the Lease cancels them at once.
/// On shutdown (SIGTERM) the workers drain first, then the Lease is released so a standby takes over without
/// waiting for it to expire.
/// </summary>
public sealed class OperatorLifecycle : BackgroundService
{
    private readonly IOperatorCore _core;
    private readonly OperatorState _state;
    private readonly OperatorOptions _options;
    private readonly IKubernetes _client;
    private readonly string _operatorNamespace;
    private readonly SealingKeyMaintenance _keys;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates the service; nothing runs until the host starts it.</summary>
    public OperatorLifecycle(
        IOperatorCore core,
        OperatorState state,
        OperatorOptions options,
        IKubernetes client,
        string operatorNamespace,
        SealingKeyMaintenance keys,
        OperatorMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _core = core;
        _state = state;
        _options = options;
        _client = client;
        _operatorNamespace = operatorNamespace;
        _keys = keys;
        _metrics = metrics;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<OperatorLifecycle>();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: the host's StartAsync must not wait for the caches or the campaign.
        await Task.Yield();
        _logger.LogInformation("Operator {Identity} starting: namespaces {Namespaces}, {Workers} workers, leader election {LeaderElection}",
            _state.Identity, _options.Namespaces.Count == 0 ? "(all)" : string.Join(",", _options.Namespaces), _options.Workers,
            _options.LeaderElect ? $"on (Lease {_operatorNamespace}/{_options.LeaseName})" : "off (leading alone)");

        var caches = _core.StartCachesAsync(stoppingToken);
        var reload = _keys.ReloadPeriodicallyAsync(_options.KeyReloadInterval, stoppingToken);
        var readiness = ReportReadinessAsync(stoppingToken);
        try
        {
            if (_options.LeaderElect)
            {
                await CampaignAsync(stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await LeadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await IgnoreCancellation(caches).ConfigureAwait(false);
            await IgnoreCancellation(reload).ConfigureAwait(false);
            await IgnoreCancellation(readiness).ConfigureAwait(false);
            _logger.LogInformation("Operator {Identity} stopped", _state.Identity);
        }
    }

    private async Task CampaignAsync(CancellationToken stoppingToken)
    {
        var lease = LeaderElection.LeaseLock(_client, _operatorNamespace, _options.LeaseName, _state.Identity);
        var election = new LeaderElection(lease, _options.LeaderElection, _time, _loggers.CreateLogger<LeaderElection>())
        {
            OnStartedLeading = LeadAsync,
            OnNewLeader = leader =>
            {
                _state.ObservedLeader(leader);
                if (leader != _state.Identity)
                {
                    _logger.LogInformation("Operator {Identity} is a standby; {Leader} leads", _state.Identity, leader);
                }
            },
        };
        await election.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    // Runs the leader's work until the token is cancelled (leadership lost, or shutdown when leading alone).
    private async Task LeadAsync(CancellationToken leadership)
    {
        _state.StartedLeading();
        _metrics.SetLeader(leading: true);

        // Report the loss the moment it happens, not after the workers have drained.
        using var lost = leadership.Register(_state.StoppedLeading);
        _logger.LogInformation("Operator {Identity} leads: loading sealing keys, then starting {Workers} workers", _state.Identity, _options.Workers);
        Task renewal = Task.CompletedTask;
        try
        {
            if (!await _keys.LoadOnceAsync(_options.RenewDeadline, leadership).ConfigureAwait(false) && !leadership.IsCancellationRequested)
            {
                _logger.LogWarning("Starting workers without the sealing keys; sealed values will not open until they load");
            }

            renewal = _keys.RenewWhileLeadingAsync(leadership);
            await _core.RunWorkersAsync(leadership).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leadership.IsCancellationRequested)
        {
        }
        finally
        {
            await IgnoreCancellation(renewal).ConfigureAwait(false);
            _state.StoppedLeading();
            _metrics.SetLeader(leading: false);
            _logger.LogInformation("Operator {Identity} stopped leading; workers drained", _state.Identity);
        }
    }

    private async Task ReportReadinessAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        while (!_core.CachesSynced && await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
        }

        if (_core.CachesSynced)
        {
            _metrics.SetCachesSynced(true);
            _logger.LogInformation("Operator {Identity}: caches synced, ready", _state.Identity);
        }
    }

    private async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Operator {Identity}: background task failed during shutdown", _state.Identity);
        }
    }
}
