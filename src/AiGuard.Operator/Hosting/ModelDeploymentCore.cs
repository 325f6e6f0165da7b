using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;

namespace AiGuard.Operator.Hosting;

/// <summary>ModelDeploymentCore adapts the reconciler's <see cref="OperatorCore"/> to the host: the production controller core.</summary>
public sealed class ModelDeploymentCore(OperatorCore core) : IOperatorCore, IAsyncDisposable
{
    /// <summary>The wrapped core (tests and the demo read its caches).</summary>
    public OperatorCore Core => core;

    /// <inheritdoc />
    public bool CachesSynced => core.CachesSynced;

    /// <inheritdoc />
    public IEnumerable<ModelDeployment> CachedModelDeployments =>
        core.Caches.ModelDeployments.List();

    /// <summary>Builds the ModelDeployment, GuardPolicy and GuardException controllers from the host's context.</summary>
    public static ModelDeploymentCore Create(OperatorCoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new OperatorCoreOptions
        {
            Namespaces = context.Options.Namespaces,
            Workers = context.Options.Workers,
            OperatorNamespace = context.OperatorNamespace,
            ReportingInstance = context.Options.Identity ?? Environment.MachineName,
            InventoryScanInterval = context.Options.InventoryScanInterval,
        };
        return new ModelDeploymentCore(new OperatorCore(
            context.Client, options, context.Loggers, context.Time, context.Metrics, context.Sealing, context.Inventory));
    }

    /// <inheritdoc />
    public Task StartCachesAsync(CancellationToken cancellationToken) => core.StartCachesAsync(cancellationToken);

    /// <inheritdoc />
    public Task RunWorkersAsync(CancellationToken leadership) => core.RunWorkersAsync(leadership);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => core.DisposeAsync();
}
