using System.Text.RegularExpressions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-MOD-01: the model artifact is pinned to exact bytes (a sha256, or a uri that pins a digest or commit), and
/// comes from a source every policy with allowedSources allows.
/// </summary>
internal sealed partial class ModelPinnedControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ModelPinned,
        ConditionTypes.ModelPinned,
        Severities.High,
        "The model artifact is pinned and from an allowed source",
        "set spec.model.sha256 to the artifact's SHA-256, or pin the uri (oci://...@sha256:<64 hex>, hf://org/name@<40-hex commit>)",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var model = context.Spec.Model;
        var uri = model.Uri ?? "";
        var violations = new List<Violation>();
        var pinned = (model.Sha256 is { } sha && Sha256Pattern().IsMatch(sha))
            || PinnedOciPattern().IsMatch(uri)
            || PinnedHuggingFacePattern().IsMatch(uri);
        if (!pinned)
        {
            violations.Add(new Violation($"model {uri} is not pinned: spec.model.sha256 is {(string.IsNullOrEmpty(model.Sha256) ? "missing" : "not 64 hex characters")} and the uri pins no digest or commit, so different bytes can be served under the same name"));
        }

        foreach (var policy in context.Policies.Constraining(Definition.Id).Where(p => p.Spec?.Models?.AllowedSources is { Count: > 0 }))
        {
            var sources = policy.Spec.Models!.AllowedSources!;
            if (!sources.Any(s => !string.IsNullOrEmpty(s) && uri.StartsWith(s, StringComparison.Ordinal)))
            {
                violations.Add(new Violation(
                    $"model {uri} does not start with a source policy {ApplicablePolicies.NameOf(policy)} allows ({string.Join(", ", sources)})",
                    ApplicablePolicies.NameOf(policy),
                    $"load the model from {string.Join(" or ", sources)}"));
            }
        }

        return violations;
    }

    [GeneratedRegex("^[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^oci://.+@sha256:[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedOciPattern();

    [GeneratedRegex("^hf://[^/@]+/[^/@]+@[a-f0-9]{40}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PinnedHuggingFacePattern();
}
