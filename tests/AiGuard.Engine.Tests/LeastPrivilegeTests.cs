using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

public sealed class LeastPrivilegeTests
{
    [Fact]
    public void Token_mounted_with_api_rules_passes()
    {
        var model = Scenario.Model().ApiRules(Rule("configmaps", "get")).With(s => s.Access!.AutomountServiceAccountToken = true);

        Scenario.Evaluate(model).AssertPasses(ControlIds.UnneededToken);
    }

    [Fact]
    public void Token_mounted_without_api_rules_fails()
    {
        var model = Scenario.Model().With(s => s.Access = new AccessSpec { AutomountServiceAccountToken = true });

        Scenario.Evaluate(model).AssertFails(ControlIds.UnneededToken);
    }
}
