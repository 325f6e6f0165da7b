using k8s;
using k8s.Exceptions;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// ClusterConnection decides how the operator reaches the API server: an explicit kubeconfig wins; otherwise the
/// pod's service account when running in a cluster; otherwise <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.
/// </summary>
public sealed record ClusterConnection(KubernetesClientConfiguration Configuration, bool InCluster, string Source)
{
    /// <summary>Resolves the connection; throws <see cref="OperatorConfigurationException"/> with the file and reason when it cannot.</summary>
    /// <param name="kubeconfig">The <c>--kubeconfig</c> path, or null.</param>
    public static ClusterConnection Resolve(string? kubeconfig)
    {
        if (string.IsNullOrWhiteSpace(kubeconfig) && KubernetesClientConfiguration.IsInCluster())
        {
            try
            {
                return new ClusterConnection(KubernetesClientConfiguration.InClusterConfig(), InCluster: true, "in-cluster service account");
            }
            catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException)
            {
                throw new OperatorConfigurationException($"cannot use the in-cluster service account: {e.Message}", e);
            }
        }

        var path = !string.IsNullOrWhiteSpace(kubeconfig) ? kubeconfig
            : Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env ? env.Split(Path.PathSeparator)[0]
            : KubernetesClientConfiguration.KubeConfigDefaultLocation;
        if (!File.Exists(path))
        {
            throw new OperatorConfigurationException(
                $"kubeconfig {path} does not exist: pass --kubeconfig PATH, set KUBECONFIG, or run the operator in a pod");
        }

        try
        {
            return new ClusterConnection(KubernetesClientConfiguration.BuildConfigFromConfigFile(path), InCluster: false, $"kubeconfig {path}");
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new OperatorConfigurationException($"kubeconfig {path} is not usable: {e.Message}", e);
        }
    }
}
