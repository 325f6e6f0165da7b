using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>AIG-SEC-02: secrets are mounted as files; environment variables leak into crash dumps, logs and child processes.</summary>
internal sealed class SecretInEnvControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.SecretInEnv,
        ConditionTypes.SecretsSealed,
        Severities.Medium,
        "Secrets are mounted as read-only files",
        "set expose: File (the default) and read the values from the mounted files",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context) =>
        (context.Spec.Secrets ?? [])
            .Select((secret, i) => (secret, i))
            .Where(x => x.secret?.Expose == SecretExposure.Env)
            .Select(x => new Violation($"spec.secrets[{x.i}] ({x.secret.Name}) is exposed as environment variables"))
            .ToList();
}
