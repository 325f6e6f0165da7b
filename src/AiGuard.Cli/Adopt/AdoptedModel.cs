using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Adopt;

/// <summary>AdoptedModel is the ModelDeployment equivalent to a workload, and what a human must review before applying it.</summary>
/// <param name="Model">The manifest to print.</param>
/// <param name="Review">One line per decision or omission, safe to print (no secret value, no control character).</param>
public sealed record AdoptedModel(ModelDeployment Model, IReadOnlyList<string> Review);
