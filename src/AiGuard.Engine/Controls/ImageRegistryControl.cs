using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>AIG-IMG-01: the effective image comes from a registry every policy with allowedRegistries allows.</summary>
internal sealed class ImageRegistryControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ImageRegistry,
        ConditionTypes.ImagePatched,
        Severities.High,
        "The image comes from an allowed registry",
        "use an image from one of the registries the applicable GuardPolicies allow (images.allowedRegistries)",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var image = context.Image.Effective;
        return context.Policies.Constraining(Definition.Id)
            .Where(p => p.Spec?.Images?.AllowedRegistries is { Count: > 0 })
            .Where(p => !p.Spec.Images!.AllowedRegistries!.Any(prefix => prefix is not null && image.IsUnder(prefix)))
            .Select(p => new Violation(
                $"image {image} ({image.FullRepository}) is not under a registry policy {ApplicablePolicies.NameOf(p)} allows ({string.Join(", ", p.Spec.Images!.AllowedRegistries!)})",
                ApplicablePolicies.NameOf(p),
                $"use an image under {string.Join(" or ", p.Spec.Images!.AllowedRegistries!)}"))
            .ToList();
    }
}
