using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-SEC-01: secrets are sealed into the spec rather than referenced, unless every applicable policy allows
/// existing Secrets (their contents are outside review and may be shared with other workloads).
/// </summary>
internal sealed class ExistingSecretControl : IControl
{
    private static readonly Func<GuardPolicySpec, bool?> AllowExistingSecrets = spec => spec.Secrets?.AllowExistingSecrets;

    public ControlDefinition Definition { get; } = new(
        ControlIds.ExistingSecret,
        ConditionTypes.SecretsSealed,
        Severities.High,
        "Secrets are sealed in the spec",
        "seal the values with `aiguard seal` and use sealedData instead of existingSecret, or ask for every applicable GuardPolicy to set secrets.allowExistingSecrets",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        if (context.Policies.AllRelax(Definition.Id, AllowExistingSecrets))
        {
            return [];
        }

        var refusing = context.Policies.Refusing(Definition.Id, AllowExistingSecrets);
        var secrets = context.Spec.Secrets ?? [];
        return secrets
            .Select((secret, i) => (secret, i))
            .Where(x => !string.IsNullOrEmpty(x.secret?.ExistingSecret))
            .Select(x => new Violation($"spec.secrets[{x.i}] ({x.secret.Name}) references the existing Secret {x.secret.ExistingSecret}", refusing))
            .ToList();
    }
}
