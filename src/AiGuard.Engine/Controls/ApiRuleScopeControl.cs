using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;
using k8s.Models;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-RBAC-02: the model's own API rules grant no wildcard, secret reads, privilege escalation, pod exec/attach/
/// port-forward or RBAC writes, and name only resources every policy with rbac.allowedResources allows. Resource
/// names are compared case-insensitively and regardless of API group, which only errs on the strict side.
/// </summary>
internal sealed class ApiRuleScopeControl : IControl
{
    private static readonly string[] SecretReadVerbs = ["get", "list", "watch"];
    private static readonly string[] EscalationVerbs = ["escalate", "bind", "impersonate"];
    private static readonly string[] PodShellResources = ["pods/exec", "pods/attach", "pods/portforward"];
    private static readonly string[] RbacResources = ["roles", "rolebindings", "clusterroles", "clusterrolebindings"];
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete"];

    public ControlDefinition Definition { get; } = new(
        ControlIds.ApiRuleScope,
        ConditionTypes.LeastPrivilege,
        Severities.High,
        "API rules grant least privilege",
        "grant only the verbs and resources the model needs: no '*', no get/list/watch on secrets, no escalate/bind/impersonate, no create on pods/exec|attach|portforward, no writes to roles or bindings",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var violations = new List<Violation>();
        var rules = context.Spec.Access?.ApiRules ?? [];
        var allowLists = context.Policies.Constraining(Definition.Id)
            .Where(p => p.Spec?.Rbac?.AllowedResources is { Count: > 0 })
            .Select(p => (Policy: ApplicablePolicies.NameOf(p), Allowed: p.Spec.Rbac!.AllowedResources!))
            .ToList();

        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { } rule)
            {
                continue;
            }

            var field = $"spec.access.apiRules[{i}]";
            violations.AddRange(Dangers(rule).Select(danger => new Violation($"{field} {danger}")));
            foreach (var (policy, allowed) in allowLists)
            {
                var outside = (rule.Resources ?? []).Where(r => r is not null && !Has(allowed, r)).ToList();
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

    private static IEnumerable<string> Dangers(V1PolicyRule rule)
    {
        var groups = rule.ApiGroups ?? [];
        var resources = rule.Resources ?? [];
        var verbs = rule.Verbs ?? [];
        if (Has(groups, "*") || Has(resources, "*") || Has(verbs, "*"))
        {
            yield return "uses the wildcard '*'";
        }

        if (Has(resources, "secrets") && HasAny(verbs, SecretReadVerbs))
        {
            yield return "can read Secrets (get, list or watch on secrets)";
        }

        if (HasAny(verbs, EscalationVerbs))
        {
            yield return $"grants {string.Join(", ", verbs.Where(v => Has(EscalationVerbs, v)))}, which lets the identity escalate its privileges";
        }

        if (Has(verbs, "create") && HasAny(resources, PodShellResources))
        {
            yield return $"grants create on {string.Join(", ", resources.Where(r => Has(PodShellResources, r)))}, a shell into other pods";
        }

        if (HasAny(verbs, WriteVerbs) && HasAny(resources, RbacResources))
        {
            yield return $"can write RBAC objects ({string.Join(", ", resources.Where(r => Has(RbacResources, r)))})";
        }
    }

    private static bool Has(IEnumerable<string?> values, string value) =>
        values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));

    private static bool HasAny(IEnumerable<string?> values, IEnumerable<string> wanted) => wanted.Any(w => Has(values, w));
}
