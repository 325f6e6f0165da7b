using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// RbacPlan builds the namespaced Roles and RoleBindings of a model: its own identity's <c>apiRules</c>
/// (<c>&lt;name&gt;</c>), the people who operate it (<c>&lt;name&gt;-operator</c>) and those who view it
/// (<c>&lt;name&gt;-viewer</c>). Each pair exists only when its list is non-empty and the control guarding it
/// (AIG-RBAC-02, AIG-RBAC-04) has no unwaived finding (controls.md, "Grants").
/// </summary>
internal static class RbacPlan
{
    /// <summary>Every RoleBinding name the plan can give a model's children: apiRules, operators, viewers.</summary>
    public static IEnumerable<string> BindingNames(string model) => [model, OperatorBindingName(model), ViewerBindingName(model)];

    private static string OperatorBindingName(string model) => model + "-operator";

    private static string ViewerBindingName(string model) => model + "-viewer";

    public const string RbacApiGroup = "rbac.authorization.k8s.io";
    private const string RbacApiVersion = RbacApiGroup + "/v1";

    public static (List<V1Role> Roles, List<V1RoleBinding> Bindings) Build(PlanningContext context)
    {
        var roles = new List<V1Role>();
        var bindings = new List<V1RoleBinding>();
        var access = context.Spec.Access;

        // Grants are never given on trust, in Enforce or Audit and whether or not the rollout is blocked: whoever may
        // create a ModelDeployment must not obtain a dangerous Role through it. A quarantined model loses its API
        // rights at once: RBAC is checked on every request, so dropping the binding isolates a running pod without
        // restarting it (the network policy cannot reach the API server on every CNI).
        if (access?.ApiRules is { Count: > 0 } apiRules
            && context.Assessment.IsClear(ControlIds.ApiRuleScope)
            && !context.Assessment.Quarantined)
        {
            roles.Add(Role(context, context.Name, apiRules.OfType<V1PolicyRule>().Select(CopyRule)));
            bindings.Add(Binding(context, context.Name,
                [new Rbacv1Subject { Kind = "ServiceAccount", Name = context.Name, NamespaceProperty = context.Namespace }]));
        }

        // Operators and viewers are people: quarantine does not take their access (they investigate), but a subject
        // that stands for many identities (AIG-RBAC-04) never gets it.
        var peopleClear = context.Assessment.IsClear(ControlIds.AccessSubject);
        if (access?.Operators is { Count: > 0 } operators && peopleClear)
        {
            var name = OperatorBindingName(context.Name);
            roles.Add(Role(context, name, OperatorRules(context)));
            bindings.Add(Binding(context, name, Subjects(context, operators)));
        }

        if (access?.Viewers is { Count: > 0 } viewers && peopleClear)
        {
            var name = ViewerBindingName(context.Name);
            roles.Add(Role(context, name, ViewerRules(context)));
            bindings.Add(Binding(context, name, Subjects(context, viewers)));
        }

        return (roles, bindings);
    }

    private static IEnumerable<V1PolicyRule> OperatorRules(PlanningContext context) =>
    [
        new V1PolicyRule
        {
            ApiGroups = [ApiGroup.Group],
            Resources = [ModelDeployment.Plural],
            ResourceNames = [context.Name],
            Verbs = ["get", "update", "patch"],
        },
        // Pod names are generated, so pods cannot be restricted by name: operators read every pod of the
        // namespace. Reading pods reveals no secret values (those live only in Secrets).
        new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get", "list", "watch"] },
        new V1PolicyRule { ApiGroups = [""], Resources = ["pods/log"], Verbs = ["get"] },
    ];

    // Viewers see this ModelDeployment only. resourceNames on list and watch admit only requests that carry the
    // field selector metadata.name=<name> (what `kubectl get md <name> -w` and `kubectl wait` send); a plain
    // `kubectl get md` listing the namespace is denied. That is deliberate: other models stay invisible.
    private static IEnumerable<V1PolicyRule> ViewerRules(PlanningContext context) =>
    [
        new V1PolicyRule
        {
            ApiGroups = [ApiGroup.Group],
            Resources = [ModelDeployment.Plural],
            ResourceNames = [context.Name],
            Verbs = ["get", "list", "watch"],
        },
    ];

    private static List<Rbacv1Subject> Subjects(PlanningContext context, List<AccessSubject> subjects) =>
        subjects.OfType<AccessSubject>()
            .Select(subject => subject.Kind == "ServiceAccount"
                ? new Rbacv1Subject
                {
                    Kind = subject.Kind,
                    Name = subject.Name,
                    NamespaceProperty = string.IsNullOrEmpty(subject.Namespace) ? context.Namespace : subject.Namespace,
                }
                : new Rbacv1Subject { ApiGroup = RbacApiGroup, Kind = subject.Kind, Name = subject.Name })
            .ToList();

    private static V1Role Role(PlanningContext context, string name, IEnumerable<V1PolicyRule> rules) => new()
    {
        ApiVersion = RbacApiVersion,
        Kind = V1Role.KubeKind,
        Metadata = context.ChildMetadata(name),
        Rules = rules.ToList(),
    };

    private static V1RoleBinding Binding(PlanningContext context, string name, List<Rbacv1Subject> subjects) => new()
    {
        ApiVersion = RbacApiVersion,
        Kind = V1RoleBinding.KubeKind,
        Metadata = context.ChildMetadata(name),
        RoleRef = new V1RoleRef { ApiGroup = RbacApiGroup, Kind = V1Role.KubeKind, Name = name },
        Subjects = subjects,
    };

    private static V1PolicyRule CopyRule(V1PolicyRule rule) => new()
    {
        ApiGroups = rule.ApiGroups?.ToList(),
        Resources = rule.Resources?.ToList(),
        ResourceNames = rule.ResourceNames?.ToList(),
        NonResourceURLs = rule.NonResourceURLs?.ToList(),
        Verbs = rule.Verbs?.ToList() ?? [],
    };
}
