using AiGuard.Operator.Inventory;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Sealing;
using k8s;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Hosting;

/// <summary>Everything a controller core is built from; the host creates one per process.</summary>
/// <param name="Client">The API client (in-cluster or kubeconfig).</param>
/// <param name="Options">The process options (namespaces, workers).</param>
/// <param name="OperatorNamespace">The resolved namespace of the Lease and sealing keys.</param>
/// <param name="Loggers">Logger factory wired to Serilog.</param>
/// <param name="Time">The clock.</param>
/// <param name="Metrics">The runtime series in the registry served on /metrics.</param>
/// <param name="Sealing">Opens sealed values with the cluster's key ring.</param>
public sealed record OperatorCoreContext(
    IKubernetes Client,
    OperatorOptions Options,
    string OperatorNamespace,
    ILoggerFactory Loggers,
    TimeProvider Time,
    RuntimeMetrics Metrics,
    SealedDataVerifier Sealing)
{
    /// <summary>The process's one shadow-AI inventory: the core's scanner fills it, /metrics and the report writer read it.</summary>
    public UnmanagedWorkloadInventory Inventory { get; init; } = new();
}
