using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// EnvironmentPlan builds the serving container's environment: the plain spec.serving.env values, the model
/// location (<c>AIGUARD_MODEL_URI</c>, <c>AIGUARD_MODEL_SHA256</c>) and the secrets exposed as Env. Secret values
/// are referenced (secretKeyRef / envFrom), never copied. Names are unique, as server-side apply requires: the
/// reserved AIGUARD_MODEL_* names always carry the model's values, otherwise the first occurrence wins (plain env
/// before secrets).
/// </summary>
internal static class EnvironmentPlan
{
    public const string ModelUriVariable = "AIGUARD_MODEL_URI";
    public const string ModelSha256Variable = "AIGUARD_MODEL_SHA256";

    public static (List<V1EnvVar> Env, List<V1EnvFromSource>? EnvFrom) Build(
        PlanningContext context, IReadOnlyList<PlannedSecret> secrets)
    {
        var env = new List<V1EnvVar>();
        var taken = new HashSet<string>(StringComparer.Ordinal) { ModelUriVariable, ModelSha256Variable };

        foreach (var plain in context.Spec.Serving?.Env?.OfType<Api.ModelDeployments.PlainEnvVar>() ?? [])
        {
            if (taken.Add(plain.Name))
            {
                env.Add(new V1EnvVar { Name = plain.Name, Value = plain.Value });
            }
        }

        var model = context.Spec.Model;
        env.Add(new V1EnvVar { Name = ModelUriVariable, Value = model?.Uri ?? "" });
        if (!string.IsNullOrEmpty(model?.Sha256))
        {
            env.Add(new V1EnvVar { Name = ModelSha256Variable, Value = model.Sha256 });
        }

        var envFrom = new List<V1EnvFromSource>();
        foreach (var secret in secrets.Where(s => s.ExposedAsEnv))
        {
            if (secret.Keys is null)
            {
                // The keys of an existing Secret are unknown to the planner, so all of them are exposed.
                envFrom.Add(new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = secret.SecretName } });
                continue;
            }

            // The variable is named after the key, as envFrom would name it.
            foreach (var key in secret.Keys.Where(taken.Add))
            {
                env.Add(new V1EnvVar
                {
                    Name = key,
                    ValueFrom = new V1EnvVarSource
                    {
                        SecretKeyRef = new V1SecretKeySelector { Name = secret.SecretName, Key = key },
                    },
                });
            }
        }

        return (env, envFrom.Count > 0 ? envFrom : null);
    }
}
