using AiGuard.Api.Quantities;
using k8s.Models;

namespace AiGuard.Engine.Inventory;

/// <summary>
/// GpuRequests finds the accelerator resources a pod asks for. Extended resources cannot be overcommitted, so a
/// limit alone is a request too; both count. NVIDIA MIG slices (<c>nvidia.com/mig-1g.5gb</c>) count as GPUs, or a
/// workload could hide by asking for a slice instead of a whole card.
/// </summary>
internal static class GpuRequests
{
    /// <summary>The device-plugin resources that are whole GPUs.</summary>
    public static readonly IReadOnlyList<string> ResourceNames = ["nvidia.com/gpu", "amd.com/gpu"];

    private const string MigPrefix = "nvidia.com/mig-";

    /// <summary>Reasons such as <c>requests nvidia.com/gpu: 1</c>, one per container and resource, in pod order.</summary>
    public static IEnumerable<string> Reasons(V1PodSpec spec)
    {
        var containers = (spec.InitContainers ?? []).Concat(spec.Containers ?? []);
        foreach (var container in containers)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (verb, quantities) in new[] { ("requests", container?.Resources?.Requests), ("limits", container?.Resources?.Limits) })
            {
                foreach (var (name, quantity) in quantities ?? new Dictionary<string, ResourceQuantity>())
                {
                    if (IsGpu(name) && IsPositive(quantity) && seen.Add(name))
                    {
                        yield return $"{verb} {name}: {quantity}";
                    }
                }
            }
        }
    }

    private static bool IsGpu(string name) =>
        ResourceNames.Contains(name, StringComparer.Ordinal) || name.StartsWith(MigPrefix, StringComparison.Ordinal);

    // Read with BoundedQuantity, never ResourceQuantity.ToDecimal: a workload's quantity is anyone's text, and
    // ResourceQuantity's arithmetic on a huge exponent would stall the scan.
    private static bool IsPositive(ResourceQuantity? quantity) =>
        quantity is not null
        && (!BoundedQuantity.TryParse(quantity.ToString(), out var value, out _) || value.IsPositive);
}
