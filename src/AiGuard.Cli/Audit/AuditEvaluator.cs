using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Cli.Audit;

/// <summary>
/// AuditEvaluator runs the engine over ModelDeployments exactly as the operator would, minus the live cluster: no
/// cluster observations, so those controls are skipped, and AIG-SEC-03 only when a sealing verifier (from
/// <c>--sealing-key</c>) is given; image scans (from <c>--vulnerabilities</c>) feed AIG-IMG-03. The loader hands it
/// each model whose policies, exceptions and namespace are settled as soon as it is read (see
/// <see cref="ContextMarkers"/>), so that only the compact <see cref="AuditResult"/> is kept, not the model.
/// </summary>
public sealed class AuditEvaluator(DateTimeOffset now, ISealedDataVerifier? sealing = null, IReadOnlyList<ImageScan>? scans = null)
{
    private static readonly Dictionary<string, string> NoLabels = [];
    private readonly SharedControlResults _sharedResults = new();
    private readonly TextTemplates _messages = new();
    private readonly TextTemplates _remediations = new();

    /// <summary>
    /// Assesses <paramref name="model"/> against the given context; null after adding a positioned error to
    /// <paramref name="errors"/> (the engine's own spec errors, which the loader's validator should already have caught).
    /// </summary>
    public AuditResult? Evaluate(LoadedObject<ModelDeployment> model, IReadOnlyList<GuardPolicy> policies,
        IReadOnlyList<GuardException> exceptions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels,
        List<ManifestError> errors)
    {
        var ns = model.Object.Metadata.NamespaceProperty ?? EvaluationDefaults.Namespace;
        var labels = namespaceLabels.GetValueOrDefault(ns) ?? NoLabels;
        Assessment assessment;
        try
        {
            assessment = Evaluator.Evaluate(new EvaluationInput(model.Object, labels, policies, exceptions, now, Sealing: sealing, Vulnerabilities: scans));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine promises not to throw; if it ever does, say so without a stack trace.
            errors.Add(new ManifestError(model.Origin.File, model.Origin.Start, $"internal error evaluating this ModelDeployment: {e.Message}"));
            return null;
        }
        // The loader already ran the engine's validator, so this only fires if the two ever drift apart.
        var before = errors.Count;
        errors.AddRange(assessment.SpecErrors.Select(s => model.Origin.RuleErrorAt(FieldPath.Parse(s.Field), s.Message)));
        return errors.Count > before ? null : AuditResult.Of(model, _sharedResults.Share(assessment), _messages, _remediations);
    }

    /// <summary>
    /// Assesses the ModelDeployments the loader kept for the end, then appends those it settled while reading
    /// (which always come after them in input order); spec errors become <see cref="ManifestLoadException"/>.
    /// </summary>
    public static IReadOnlyList<AuditResult> Evaluate(
        ManifestSet manifests, DateTimeOffset now, ISealedDataVerifier? sealing = null, IReadOnlyList<ImageScan>? scans = null)
    {
        var evaluator = new AuditEvaluator(now, sealing, scans);
        var policies = manifests.Policies.Select(p => p.Object).ToList();
        var exceptions = manifests.Exceptions.Select(e => e.Object).ToList();
        var results = new List<AuditResult>(manifests.ModelDeployments.Count + manifests.Settled.Count);
        var errors = new List<ManifestError>();
        foreach (var model in manifests.ModelDeployments)
        {
            if (evaluator.Evaluate(model, policies, exceptions, manifests.NamespaceLabels, errors) is { } result)
            {
                results.Add(result);
            }
        }
        if (errors.Count > 0)
        {
            throw new ManifestLoadException(errors);
        }
        results.AddRange(manifests.Settled);
        return results;
    }
}
