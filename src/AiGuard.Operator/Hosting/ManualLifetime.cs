using Microsoft.Extensions.Hosting;

namespace AiGuard.Operator.Hosting;

/// <summary>A host lifetime that ignores signals: the owner (the demo, a test) stops the host itself.</summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
