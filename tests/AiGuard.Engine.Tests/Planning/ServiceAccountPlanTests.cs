using AiGuard.Api.ModelDeployments;
using k8s.Models;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class ServiceAccountPlanTests
{
    [Fact]
    public void Minimal_model_gets_a_dedicated_service_account_without_token()
    {
        var state = Plan(Minimal());

        Assert.Equal(("v1", "ServiceAccount", Name), (state.ServiceAccount.ApiVersion, state.ServiceAccount.Kind, state.ServiceAccount.Metadata.Name));
        Assert.False(state.ServiceAccount.AutomountServiceAccountToken);
        Assert.Equal(Name, state.Deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.False(state.Deployment.Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public void Api_rules_turn_the_token_on_by_default()
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec { ApiRules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] }] };

        var state = Plan(model);

        Assert.True(state.ServiceAccount.AutomountServiceAccountToken);
        Assert.True(state.Deployment.Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Explicit_automount_wins_over_the_default(bool explicitValue, bool withApiRules)
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec
        {
            AutomountServiceAccountToken = explicitValue,
            ApiRules = withApiRules ? [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] }] : null,
        };

        var state = Plan(model);

        Assert.Equal(explicitValue, state.ServiceAccount.AutomountServiceAccountToken);
        Assert.Equal(explicitValue, state.Deployment.Spec.Template.Spec.AutomountServiceAccountToken);
    }
}
