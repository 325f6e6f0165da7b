using k8s;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>Starts a sandbox per test class and hands out a KubernetesClient for it.</summary>
public class SandboxFixture : IAsyncLifetime
{
    private SandboxServer? server;
    private Kubernetes? client;

    protected virtual SandboxOptions Options => new() { BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    public SandboxServer Server => server ?? throw new InvalidOperationException("not started");

    public Kubernetes Client => client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        server = await SandboxServer.StartAsync(Options);
        client = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
