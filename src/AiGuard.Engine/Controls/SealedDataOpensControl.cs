using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-SEC-03: every sealed value opens for this namespace, ModelDeployment and secret name. A value that does not
/// open was tampered with, sealed for another scope (copied from another model) or sealed with an unknown key.
/// </summary>
internal sealed class SealedDataOpensControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.SealedDataOpens,
        ConditionTypes.SecretsSealed,
        Severities.Critical,
        "Sealed values open for this model",
        "re-seal the values with `aiguard seal` for this namespace, ModelDeployment and secret name with the cluster's current public key",
        ControlScope.SealingKey);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context) =>
        context.Sealing is null
            ? null
            : context.SealedValues
                .Where(check => !check.Verdict.Opens)
                .Select(check => new Violation(
                    $"spec.secrets[{check.SecretIndex}] ({check.SecretName}) key {check.Key} does not open: {check.Verdict.Problem}"))
                .ToList();
}
