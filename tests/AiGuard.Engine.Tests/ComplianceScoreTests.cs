using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class ComplianceScoreTests
{
    [Fact]
    public void Score_is_the_severity_weighted_share_of_passing_controls()
    {
        var results = new[]
        {
            new ControlResult("A", "X", Severities.Critical, true),
            new ControlResult("B", "X", Severities.High, false),
            new ControlResult("C", "X", Severities.Medium, true),
            new ControlResult("D", "X", Severities.Low, false),
        };

        // (10 + 3) / (10 + 5 + 3 + 1) = 68.4 %
        Assert.Equal(68, ComplianceScore.Of(results));
    }

    [Fact]
    public void Score_rounds_half_away_from_zero_and_is_100_with_nothing_evaluated()
    {
        Assert.Equal(100, ComplianceScore.Of([]));
        Assert.Equal(50, ComplianceScore.Of([new("A", "X", Severities.Low, true), new("B", "X", Severities.Low, false)]));
        Assert.Equal(17, ComplianceScore.Of([new("A", "X", Severities.Low, true), new("B", "X", Severities.High, false)]));
    }

    [Fact]
    public void Evaluation_score_counts_failing_controls_once_each_with_their_effective_severity()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().SecurityContext(new() { Privileged = true, RunAsUser = 0 }));

        // 13 evaluated controls: weights 5+5+5+3+3+5+5+5+3+10+5+5+3 = 62; POD-01 (5) fails.
        Assert.Equal(13, assessment.Results.Count);
        Assert.Equal((int)Math.Round(100.0 * 57 / 62, MidpointRounding.AwayFromZero), assessment.Score);
    }

    [Fact]
    public void Every_control_disabled_means_nothing_evaluated_and_a_full_score()
    {
        var policy = Scenario.Policy("off");
        foreach (var control in ControlCatalog.All)
        {
            policy.Control(control.Id, disabled: true);
        }

        var assessment = Scenario.Evaluate(Scenario.Model().SecurityContext(new() { Privileged = true }), policy);

        Assert.Empty(assessment.Results);
        Assert.Empty(assessment.Findings);
        Assert.Equal(100, assessment.Score);
    }
}
