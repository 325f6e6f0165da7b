using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Schema;
using k8s.Models;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// ServingEnvironment turns a container's environment into spec.serving.env, which holds plain values only. A
/// reference to a Secret becomes a review line naming the Secret and key (never a value); a plain value under a
/// credential-like name (<c>HF_TOKEN</c>) is left out, because it is a secret in clear text; references to ConfigMaps
/// and fields, envFrom, and names the ModelDeployment schema rejects are named for the review as well.
/// </summary>
public static class ServingEnvironment
{
    private static readonly System.Text.RegularExpressions.Regex EnvVarName = new(Patterns.EnvVarName, System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The plain values to keep, and the review lines for the rest.</summary>
    public static (List<PlainEnvVar> Kept, List<string> Review) Convert(V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var kept = new List<PlainEnvVar>();
        var review = new List<string>();
        foreach (var env in container.Env ?? [])
        {
            if (env?.Name is not { Length: > 0 } name)
            {
                continue;
            }

            var shown = CommentText.Sanitize(name, 60);
            if (env.ValueFrom?.SecretKeyRef is { } secret)
            {
                review.Add($"env {shown} reads key {CommentText.Sanitize(secret.Key ?? "", 60)} of Secret {CommentText.Sanitize(secret.Name ?? "", 60)}: "
                    + "add it under spec.secrets (seal the value with `aiguard seal`, or name the Secret with existingSecret)");
            }
            else if (env.ValueFrom is not null)
            {
                review.Add($"env {shown} is read from a ConfigMap, a field or a resource (valueFrom), which spec.serving.env cannot express: it was left out");
            }
            else if (!EnvVarName.IsMatch(name))
            {
                review.Add($"env {shown} was left out: a ModelDeployment's env names are letters, digits and '_', not starting with a digit");
            }
            else if (CredentialNames.LooksLikeCredential(name))
            {
                review.Add($"env {shown} looks like a credential, so its value was left out: put it under spec.secrets (`aiguard seal`)");
            }
            else
            {
                kept.Add(new PlainEnvVar { Name = name, Value = env.Value });
            }
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            if (source?.SecretRef is { } secret)
            {
                review.Add($"envFrom Secret {CommentText.Sanitize(secret.Name ?? "", 60)} was left out: add the keys the server needs under spec.secrets");
            }
            else if (source?.ConfigMapRef is { } map)
            {
                review.Add($"envFrom ConfigMap {CommentText.Sanitize(map.Name ?? "", 60)} was left out: copy the values the server needs into spec.serving.env");
            }
        }

        return (kept, review);
    }
}
