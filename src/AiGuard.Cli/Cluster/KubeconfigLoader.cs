using k8s;
using k8s.Exceptions;

namespace AiGuard.Cli.Cluster;

/// <summary>
/// KubeconfigLoader is how every cluster command (<c>aiguard seal --fetch-cert</c>, <c>aiguard report</c>) finds the
/// cluster: the file given with <c>--kubeconfig</c>, else KUBECONFIG, ~/.kube/config or the in-cluster ServiceAccount,
/// as kubectl does. One place, so the commands cannot drift in what they accept or how they say it failed.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>
    /// The client configuration of the current context; its <see cref="KubernetesClientConfiguration.Namespace"/> is
    /// the context's namespace (null when the context names none).
    /// </summary>
    /// <exception cref="KubeconfigException">The kubeconfig is missing, unreadable or invalid; the message names which one.</exception>
    public static KubernetesClientConfiguration Load(string? path)
    {
        try
        {
            return path is null
                ? KubernetesClientConfiguration.BuildDefaultConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            var which = path is null ? "the default kubeconfig (KUBECONFIG or ~/.kube/config)" : $"--kubeconfig {path}";
            throw new KubeconfigException($"cannot load {which}: {e.Message}", e);
        }
    }
}
