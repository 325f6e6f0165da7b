using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Engine.Tests.Samples;

/// <summary>Scenario runs the Evaluator on built objects at a fixed clock, and reads its verdict per control.</summary>
public static class Scenario
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static ModelDeploymentBuilder Model() => new();

    public static PolicyBuilder Policy(string name) => new(name);

    public static ExceptionBuilder Exception(string name, params string[] controls) => new(name, controls);

    public static Assessment Evaluate(ModelDeploymentBuilder model, params GuardPolicy[] policies) =>
        Evaluate(model.Build(), policies, []);

    public static Assessment Evaluate(
        ModelDeployment model,
        IReadOnlyList<GuardPolicy>? policies = null,
        IReadOnlyList<GuardException>? exceptions = null,
        IReadOnlyDictionary<string, string>? namespaceLabels = null,
        DateTimeOffset? now = null,
        ClusterObservations? cluster = null,
        ISealedDataVerifier? sealing = null,
        IReadOnlyList<ImageScan>? scans = null) =>
        Evaluator.Evaluate(new EvaluationInput(
            model,
            namespaceLabels ?? new Dictionary<string, string>(),
            policies ?? [],
            exceptions ?? [],
            now ?? Now,
            cluster,
            sealing,
            scans));

    public static ControlResult? ResultOf(this Assessment assessment, string control) =>
        assessment.Results.SingleOrDefault(r => r.Control == control);

    public static IReadOnlyList<Finding> FindingsOf(this Assessment assessment, string control) =>
        assessment.Findings.Where(f => f.Control == control).ToList();

    /// <summary>Asserts the control was evaluated and passed, showing the findings when it did not.</summary>
    public static void AssertPasses(this Assessment assessment, string control)
    {
        Assert.Empty(assessment.SpecErrors);
        var result = assessment.ResultOf(control);
        Assert.True(result is not null, $"{control} was not evaluated");
        Assert.True(result.Passed, $"{control} failed: {string.Join("; ", assessment.FindingsOf(control).Select(f => f.Message))}");
        Assert.Empty(assessment.FindingsOf(control));
    }

    /// <summary>Asserts the control failed (unwaived) and returns its findings.</summary>
    public static IReadOnlyList<Finding> AssertFails(this Assessment assessment, string control)
    {
        Assert.Empty(assessment.SpecErrors);
        var result = assessment.ResultOf(control);
        Assert.True(result is not null, $"{control} was not evaluated");
        Assert.False(result.Passed, $"{control} passed");
        var findings = assessment.FindingsOf(control);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.False(f.Waived));
        return findings;
    }

    public static void AssertSkipped(this Assessment assessment, string control)
    {
        Assert.Null(assessment.ResultOf(control));
        Assert.Empty(assessment.FindingsOf(control));
    }
}
