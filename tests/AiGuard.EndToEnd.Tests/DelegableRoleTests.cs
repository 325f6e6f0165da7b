using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine;
using AiGuard.Engine.Planning;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The delegable ClusterRole is the ceiling of what the operator can grant (it has no bind or escalate): it must hold
/// every rule the planner puts in a model's Roles under the baseline policy, so none is refused, and nothing more, so
/// the operator holds no right it never hands out. Checked against the engine's own verdict and plan.
/// </summary>
public sealed class DelegableRoleTests
{
    private const string Ns = "ml-prod";
    private static readonly string[] RuleVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    [Fact]
    public async Task Delegable_role_holds_exactly_the_rules_the_planner_grants_under_the_baseline_policy()
    {
        var model = ModelWithEveryAllowedGrant();
        var assessment = Evaluator.Evaluate(new EvaluationInput(
            model, new Dictionary<string, string> { ["aiguard.io/tier"] = "prod" }, [await BaselinePolicyAsync()], [], DateTimeOffset.UtcNow));
        Assert.Contains("baseline", assessment.AppliedPolicies);
        Assert.True(assessment.Results.Single(r => r.Control == "AIG-RBAC-02").Passed, "AIG-RBAC-02 fails: the baseline should allow these apiRules");
        Assert.All(assessment.Results.Where(r => r.Control == "AIG-RBAC-04"), r => Assert.True(r.Passed, "AIG-RBAC-04 fails: the subjects should be allowed"));

        var granted = Planner.Plan(model, assessment, new Dictionary<string, IReadOnlyDictionary<string, byte[]>>(), runningDeployment: null).Roles.SelectMany(r => r.Rules).ToList();

        foreach (var delegable in await DelegableRolesAsync())
        {
            Assert.All(granted, rule => Assert.True(OperatorGrants.Covers(delegable.Rules, rule), $"{delegable.Metadata.Name} lacks {KubernetesJson.Serialize(rule)}"));
            Assert.Equal(Atoms(granted), Atoms(delegable.Rules));
        }
    }

    [Theory]
    [InlineData("", "secrets", "get")]
    [InlineData("", "pods/exec", "create")]
    [InlineData("", "serviceaccounts/token", "create")]
    [InlineData("rbac.authorization.k8s.io", "roles", "create")]
    [InlineData("rbac.authorization.k8s.io", "rolebindings", "create")]
    [InlineData("apps", "deployments", "patch")]
    [InlineData("", "pods", "delete")]
    [InlineData("aiguard.io", "guardexceptions", "create")]
    [InlineData("aiguard.io", "modeldeployments", "delete")]
    [InlineData("", "configmaps", "escalate")]
    public async Task A_grant_the_engine_refuses_is_refused_by_the_api_server_too(string group, string resource, string verb)
    {
        // If a bug let an apiRule through AIG-RBAC-02, the API server still refuses the operator's Role: it cannot
        // grant what it does not hold.
        var wanted = new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb] };

        foreach (var delegable in await DelegableRolesAsync())
        {
            Assert.False(OperatorGrants.Covers(delegable.Rules, wanted), $"{delegable.Metadata.Name} lets the operator grant {verb} on {resource}");
        }
    }

    // One rule per verb on each resource the baseline allows, plus operators and viewers.
    private static ModelDeployment ModelWithEveryAllowedGrant() => new()
    {
        Metadata = new V1ObjectMeta { Name = "support-assistant", NamespaceProperty = Ns, Uid = "5d1c0b7e-2f3a-4b5c-8d9e-0f1a2b3c4d5e" },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Uri = "s3://ml-models-prod/support/v1", Sha256 = new string('a', 64) },
            Serving = new ServingSpec { Image = "docker.io/vllm/vllm-openai:v0.6.4" },
            Access = new AccessSpec
            {
                ApiRules =
                [
                    .. RuleVerbs.Select(v => new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = [v] }),
                    .. RuleVerbs.Select(v => new V1PolicyRule { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = [v] }),
                ],
                Operators = [new AccessSubject { Kind = "User", Name = "alice@example.com" }],
                Viewers = [new AccessSubject { Kind = "Group", Name = "support-team" }],
            },
        },
    };

    private static async Task<GuardPolicy> BaselinePolicyAsync() =>
        KubernetesYaml.Deserialize<GuardPolicy>(await File.ReadAllTextAsync(Path.Combine(SampleFiles.SampleDirectory, "guardpolicy-baseline.yaml")));

    private static async Task<List<V1ClusterRole>> DelegableRolesAsync()
    {
        using var session = new KubeClientSession();
        var chart = await InstallManifests.RenderChartAsync(session);
        var kustomize = await InstallManifests.KustomizeAsync(session, "default");
        return [.. chart.Concat(kustomize).OfType<V1ClusterRole>().Where(r => r.Metadata.Name.EndsWith("aiguard-operator-delegable", StringComparison.Ordinal))];
    }

    // Every group/resource/verb a set of rules names, whatever its resourceNames.
    private static SortedSet<string> Atoms(IEnumerable<V1PolicyRule> rules) =>
        new(from rule in rules
            from g in rule.ApiGroups ?? []
            from r in rule.Resources ?? []
            from v in rule.Verbs ?? []
            select $"{g}/{r}:{v}", StringComparer.Ordinal);
}
