using AiGuard.Engine;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Cli.Audit;

/// <summary>
/// AuditEvaluator runs the engine over every ModelDeployment of a <see cref="ManifestSet"/> exactly as the operator
/// would, minus the live cluster: no cluster observations, so those controls are skipped, and AIG-SEC-03 only when a
/// sealing verifier (from <c>--sealing-key</c>) is given; image scans (from <c>--vulnerabilities</c>) feed AIG-IMG-03.
/// </summary>
public static class AuditEvaluator
{
    /// <summary>Assesses each ModelDeployment; spec errors become <see cref="ManifestLoadException"/> with positions.</summary>
    public static IReadOnlyList<AuditResult> Evaluate(
        ManifestSet manifests, DateTimeOffset now, ISealedDataVerifier? sealing = null, IReadOnlyList<ImageScan>? scans = null)
    {
        var policies = manifests.Policies.Select(p => p.Object).ToList();
        var exceptions = manifests.Exceptions.Select(e => e.Object).ToList();
        var empty = new Dictionary<string, string>();
        var results = new List<AuditResult>();
        var errors = new List<ManifestError>();
        foreach (var model in manifests.ModelDeployments)
        {
            var ns = model.Object.Metadata.NamespaceProperty ?? EvaluationDefaults.Namespace;
            var labels = manifests.NamespaceLabels.GetValueOrDefault(ns) ?? empty;
            Assessment assessment;
            try
            {
                assessment = Evaluator.Evaluate(new EvaluationInput(model.Object, labels, policies, exceptions, now, Sealing: sealing, Vulnerabilities: scans));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The engine promises not to throw; if it ever does, say so without a stack trace.
                errors.Add(new ManifestError(model.Origin.File, model.Origin.Start, $"internal error evaluating this ModelDeployment: {e.Message}"));
                continue;
            }
            // The loader already ran the engine's validator, so this only fires if the two ever drift apart.
            errors.AddRange(assessment.SpecErrors.Select(s => model.Origin.RuleErrorAt(FieldPath.Parse(s.Field), s.Message)));
            results.Add(new AuditResult(model, assessment));
        }
        if (errors.Count > 0)
        {
            throw new ManifestLoadException(errors);
        }
        return results;
    }
}
