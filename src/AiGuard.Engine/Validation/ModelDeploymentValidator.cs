using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Quantities;
using AiGuard.Engine.Images;

namespace AiGuard.Engine.Validation;

/// <summary>
/// ModelDeploymentValidator finds what the CRD schema (patterns, enums, ranges, CEL rules) would reject, so that
/// files checked offline get the same answer as kubectl apply. It never throws: null lists, null items and null
/// sub-objects are reported as errors, not dereferenced.
/// </summary>
public static class ModelDeploymentValidator
{
    private const int MaxSecrets = 32;
    private const int MaxSecretNameLength = 40;
    private const int MaxModelUriLength = 2048;
    private const int MaxImageLength = 512;

    /// <summary>Every spec error, each naming its field; empty when the ModelDeployment is valid.</summary>
    public static IReadOnlyList<SpecError> Validate(ModelDeployment? model)
    {
        var errors = new SpecErrorList();
        if (model is null)
        {
            errors.Add("", "a ModelDeployment is required");
            return errors.Errors;
        }

        if (string.IsNullOrWhiteSpace(model.Metadata?.Name))
        {
            errors.Add("metadata.name", "a name is required");
        }

        var spec = model.Spec;
        if (spec is null)
        {
            errors.Add("spec", "a spec is required");
            return errors.Errors;
        }

        if (spec.RiskLevel == RiskLevels.Unacceptable)
        {
            errors.Add("spec.riskLevel", "riskLevel 'unacceptable' is a prohibited use under the EU AI Act and cannot be deployed");
        }
        else
        {
            errors.Enum("spec.riskLevel", spec.RiskLevel, RiskLevels.Minimal, RiskLevels.Limited, RiskLevels.High);
        }

        errors.Enum("spec.enforcement", spec.Enforcement, EnforcementModes.Enforce, EnforcementModes.Audit);
        errors.Enum("spec.updates.patch", spec.Updates?.Patch, PatchModes.Auto, PatchModes.Manual);
        Model(spec.Model, errors);
        Serving(spec.Serving, errors);
        NetworkSpecValidator.Validate(spec.Network, errors);
        Secrets(spec.Secrets, errors);
        Access(spec.Access, errors);
        return errors.Errors;
    }

    private static void Model(ModelSource? source, SpecErrorList errors)
    {
        if (source is null)
        {
            errors.Add("spec.model", "spec.model with a uri is required");
            return;
        }

        if (string.IsNullOrWhiteSpace(source.Uri))
        {
            errors.Add("spec.model.uri", "a model uri is required, e.g. s3://models/fraud/v3/model.onnx");
        }
        else if (source.Uri.Length > MaxModelUriLength)
        {
            errors.Add("spec.model.uri", $"the uri is longer than {MaxModelUriLength} characters");
        }
        else
        {
            errors.Pattern("spec.model.uri", source.Uri, SpecPatterns.ModelUri(), "a uri starting with s3://, gs://, hf://, oci://, https:// or pvc://");
        }

        errors.Pattern("spec.model.sha256", source.Sha256, SpecPatterns.Sha256Hex(), "64 lower-case hex characters");
    }

    private static void Serving(ServingSpec? serving, SpecErrorList errors)
    {
        if (serving is null)
        {
            errors.Add("spec.serving", "spec.serving with an image is required");
            return;
        }

        if (string.IsNullOrWhiteSpace(serving.Image))
        {
            errors.Add("spec.serving.image", "a serving image is required, e.g. ghcr.io/acme/triton:24.08-py3");
        }
        else if (serving.Image.Length > MaxImageLength)
        {
            errors.Add("spec.serving.image", $"the image reference is longer than {MaxImageLength} characters");
        }
        else if (!ImageReference.TryParse(serving.Image, out _, out var imageError))
        {
            errors.Add("spec.serving.image", imageError);
        }

        errors.Range("spec.serving.replicas", serving.Replicas, 0, 1000);
        errors.Range("spec.serving.port", serving.Port, 1, 65535);
        var env = serving.Env ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            if (env[i] is null || string.IsNullOrEmpty(env[i].Name))
            {
                errors.Add($"spec.serving.env[{i}].name", "an environment variable needs a name");
            }
            else
            {
                errors.Pattern($"spec.serving.env[{i}].name", env[i].Name, SpecPatterns.EnvVarName(), "letters, digits and '_', not starting with a digit");
            }
        }

        errors.Range("spec.serving.securityContext.runAsUser", serving.SecurityContext?.RunAsUser, 0, int.MaxValue);
        errors.Range("spec.serving.securityContext.runAsGroup", serving.SecurityContext?.RunAsGroup, 0, int.MaxValue);
        Quantities("spec.serving.resources.limits", serving.Resources?.Limits, errors);
        Quantities("spec.serving.resources.requests", serving.Resources?.Requests, errors);
    }

    // The CRD's quantity pattern and length (BoundedQuantity.Pattern); an object stored before it was tightened
    // reaches the operator with its text kept verbatim, and is refused here before any Deployment is planned.
    private static void Quantities(string field, Dictionary<string, k8s.Models.ResourceQuantity>? quantities, SpecErrorList errors)
    {
        foreach (var (name, quantity) in quantities ?? [])
        {
            if (quantity is null)
            {
                errors.Add($"{field}[{name}]", "a quantity is required, e.g. 500m or 1.5Gi");
            }
            else if (!BoundedQuantity.TryParse(quantity.ToString(), out _, out var error))
            {
                errors.Add($"{field}[{name}]", error);
            }
        }
    }

    private static void Secrets(List<SecretSpec>? secrets, SpecErrorList errors)
    {
        if (secrets is null)
        {
            return;
        }

        if (secrets.Count > MaxSecrets)
        {
            errors.Add("spec.secrets", $"at most {MaxSecrets} secrets are allowed, found {secrets.Count}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < secrets.Count; i++)
        {
            var field = $"spec.secrets[{i}]";
            if (secrets[i] is not { } secret)
            {
                errors.Add(field, "a secret must not be null");
                continue;
            }

            if (string.IsNullOrEmpty(secret.Name))
            {
                errors.Add($"{field}.name", "a secret needs a name");
            }
            else
            {
                if (secret.Name.Length > MaxSecretNameLength)
                {
                    errors.Add($"{field}.name", $"'{secret.Name}' is longer than {MaxSecretNameLength} characters");
                }

                errors.Pattern($"{field}.name", secret.Name, SpecPatterns.DnsLabel(), "a DNS label (lower-case letters, digits and '-')");
                if (!seen.Add(secret.Name))
                {
                    errors.Add($"{field}.name", $"secret names must be unique; '{secret.Name}' appears more than once");
                }
            }

            if ((secret.SealedData is null) == (secret.ExistingSecret is null))
            {
                errors.Add(field, "a secret needs exactly one of sealedData or existingSecret");
            }

            errors.Pattern($"{field}.mountPath", secret.MountPath, SpecPatterns.AbsolutePath(), "an absolute path");
            errors.Pattern($"{field}.existingSecret", secret.ExistingSecret, SpecPatterns.DnsSubdomain(), "the name of a Secret (a DNS subdomain)");
            errors.Enum($"{field}.expose", secret.Expose, SecretExposure.File, SecretExposure.Env);
            foreach (var key in secret.SealedData?.Keys ?? Enumerable.Empty<string>())
            {
                errors.Pattern($"{field}.sealedData", key, SpecPatterns.SecretKey(), "keys of letters, digits, '-', '_' and '.'");
            }
        }
    }

    private static void Access(AccessSpec? access, SpecErrorList errors)
    {
        if (access is null)
        {
            return;
        }

        Subjects("spec.access.operators", access.Operators, errors);
        Subjects("spec.access.viewers", access.Viewers, errors);
        var rules = access.ApiRules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is null || rules[i].Verbs is null || rules[i].Verbs.Count == 0)
            {
                errors.Add($"spec.access.apiRules[{i}].verbs", "an API rule needs at least one verb");
            }
        }
    }

    private static void Subjects(string field, List<AccessSubject>? subjects, SpecErrorList errors)
    {
        for (var i = 0; i < (subjects?.Count ?? 0); i++)
        {
            if (subjects![i] is not { } subject)
            {
                errors.Add($"{field}[{i}]", "a subject must not be null");
                continue;
            }

            if (subject.Kind is null)
            {
                errors.Add($"{field}[{i}].kind", "a kind is required: User, Group or ServiceAccount");
            }
            else
            {
                errors.Enum($"{field}[{i}].kind", subject.Kind, "User", "Group", "ServiceAccount");
            }

            if (string.IsNullOrWhiteSpace(subject.Name))
            {
                errors.Add($"{field}[{i}].name", "a name is required");
            }
        }
    }
}
