using k8s;

namespace AiGuard.Sandbox.Tests.Hosting;

public sealed class KubeconfigTests
{
    [Fact]
    public async Task KubernetesClient_accepts_the_written_kubeconfig()
    {
        await using var server = await SandboxServer.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"aiguard-kubeconfig-{Guid.NewGuid():N}.yaml");
        try
        {
            server.WriteKubeconfig(path);

            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            Assert.Equal(server.SecureAddress.ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
