namespace AiGuard.Engine.Inventory;

/// <summary>
/// UnmanagedWorkload is one workload that runs an inference server or asks for GPUs without a ModelDeployment
/// controlling it ("shadow AI"). It is deliberately compact (no object, no spec) so that an inventory of a large
/// cluster costs a few hundred bytes per entry.
/// </summary>
/// <param name="Kind">Deployment, StatefulSet, DaemonSet, CronJob, Job or Pod.</param>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Images">The images of every container, init container and ephemeral container, as written, in order and without duplicates.</param>
/// <param name="Reasons">Why it is reported, for a human: e.g. <c>image docker.io/vllm/vllm-openai is vLLM</c> or <c>requests nvidia.com/gpu: 1</c>.</param>
public sealed record UnmanagedWorkload(string Kind, string Namespace, string Name, IReadOnlyList<string> Images, IReadOnlyList<string> Reasons)
{
    /// <summary>Records compare their lists by reference; an inventory compares scans by content.</summary>
    public bool Equals(UnmanagedWorkload? other) =>
        other is not null
        && Kind == other.Kind && Namespace == other.Namespace && Name == other.Name
        && Images.SequenceEqual(other.Images) && Reasons.SequenceEqual(other.Reasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Namespace, Name, Images.Count, Reasons.Count);
}
