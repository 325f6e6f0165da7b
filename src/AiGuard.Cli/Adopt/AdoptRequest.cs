namespace AiGuard.Cli.Adopt;

/// <summary>AdoptRequest is one <c>aiguard adopt</c> invocation, parsed.</summary>
/// <param name="Workload">The workload to adopt.</param>
/// <param name="Namespace">Its namespace; null takes the kubeconfig context's namespace, else <c>default</c>.</param>
/// <param name="Kubeconfig">The kubeconfig path; null uses $KUBECONFIG or ~/.kube/config (or the pod's service account).</param>
/// <param name="ModelUri">The model URI when the args do not say it.</param>
public sealed record AdoptRequest(WorkloadReference Workload, string? Namespace, string? Kubeconfig, string? ModelUri);
