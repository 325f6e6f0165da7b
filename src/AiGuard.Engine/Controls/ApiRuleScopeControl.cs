using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-RBAC-02: the model's own API rules grant nothing on <see cref="ApiRuleDangers"/>'s list and name only
/// resources every policy with rbac.allowedResources allows. The Role for these rules is planned only while this
/// control has no unwaived finding, so its verdict is also what keeps a dangerous grant from ever existing.
/// </summary>
internal sealed class ApiRuleScopeControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ApiRuleScope,
        ConditionTypes.LeastPrivilege,
        Severities.High,
        "API rules grant least privilege",
        "grant only the verbs and resources the model needs: no '*' or nonResourceURLs; nothing on secrets, serviceaccounts/token, pods/exec|attach|portforward|proxy|ephemeralcontainers, services/proxy or nodes; no escalate, bind or impersonate; no writes to workloads, RBAC, admission, CRDs or AiGuard resources",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var violations = new List<Violation>();
        var rules = context.Spec.Access?.ApiRules ?? [];
        var allowLists = context.Policies.Constraining(Definition.Id)
            .Where(p => p.Spec?.Rbac?.AllowedResources is { Count: > 0 })
            .Select(p => (Policy: ApplicablePolicies.NameOf(p), Allowed: ApiRuleDangers.Normalize(p.Spec.Rbac!.AllowedResources)))
            .ToList();

        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { } rule)
            {
                continue;
            }

            var field = $"spec.access.apiRules[{i}]";
            violations.AddRange(ApiRuleDangers.Of(rule).Select(danger => new Violation($"{field} {danger}")));
            foreach (var (policy, allowed) in allowLists)
            {
                var outside = ApiRuleDangers.Normalize(rule.Resources).Where(r => !allowed.Contains(r)).ToList();
                if (outside.Count > 0)
                {
                    violations.Add(new Violation(
                        $"{field} names {string.Join(", ", outside)}, outside the resources policy {policy} allows ({string.Join(", ", allowed)})",
                        policy,
                        $"limit the rule to {string.Join(", ", allowed)}"));
                }
            }
        }

        return violations;
    }
}
