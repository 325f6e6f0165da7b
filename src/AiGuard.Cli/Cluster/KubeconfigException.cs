namespace AiGuard.Cli.Cluster;

/// <summary>KubeconfigException says which kubeconfig could not be loaded and why; commands report it as a usage error.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException()
    {
    }

    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
