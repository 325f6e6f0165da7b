using AiGuard.Engine.Images;
using AiGuard.Engine.Inventory;
using k8s.Models;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// ServingContainer picks the container that serves the model: the first running a known inference server, else the
/// first requesting a GPU, else the first container. A ModelDeployment runs one container; the others are reported.
/// </summary>
public static class ServingContainer
{
    /// <summary>The serving container of <paramref name="spec"/>, or null when it has none.</summary>
    public static V1Container? Pick(V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var containers = (spec.Containers ?? []).Where(c => c is not null).ToList();
        return containers.FirstOrDefault(c => ImageReference.TryParse(c.Image, out var image, out _) && InferenceServerCatalog.Match(image) is not null)
            ?? containers.FirstOrDefault(RequestsGpu)
            ?? containers.FirstOrDefault();
    }

    private static bool RequestsGpu(V1Container container) =>
        new[] { container.Resources?.Limits, container.Resources?.Requests }
            .Any(amounts => amounts?.Keys.Any(k => k.EndsWith("/gpu", StringComparison.Ordinal) || k.StartsWith("nvidia.com/mig-", StringComparison.Ordinal)) == true);
}
