using AiGuard.Cli.Audit;
using AiGuard.Engine;

namespace AiGuard.Cli.Tests.Audit;

public sealed class SharedControlResultsTests
{
    private static Assessment With(params ControlResult[] results) => new() { Results = [.. results], Score = 70 };

    [Fact]
    public void Equal_control_results_of_two_models_are_kept_once_and_nothing_else_changes()
    {
        var shared = new SharedControlResults();
        var first = shared.Share(With(new ControlResult("AIG-NET-01", "network", "high", true), new ControlResult("AIG-RBAC-01", "access", "medium", false)));

        var second = shared.Share(With(new ControlResult("AIG-NET-01", "network", "high", true), new ControlResult("AIG-RBAC-01", "access", "medium", false)));

        Assert.Same(first.Results, second.Results);
        Assert.Equal(70, second.Score);
    }

    [Fact]
    public void A_model_whose_controls_passed_differently_keeps_its_own_results()
    {
        var shared = new SharedControlResults();
        shared.Share(With(new ControlResult("AIG-NET-01", "network", "high", true)));

        var failed = shared.Share(With(new ControlResult("AIG-NET-01", "network", "high", false)));

        Assert.False(Assert.Single(failed.Results).Passed);
    }

    [Fact]
    public void Control_ids_that_would_run_together_when_joined_are_told_apart()
    {
        var shared = new SharedControlResults();
        shared.Share(With(new ControlResult("AIG-A", "B", "high", true)));

        var other = shared.Share(With(new ControlResult("AIG-A\0B", "", "high", true)));

        Assert.Equal("AIG-A\0B", Assert.Single(other.Results).Control);
    }
}
