using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// RBAC's privilege-escalation prevention, run on the final object of every create, update, patch and apply of
/// RBAC kinds: a Role or ClusterRole may only hold permissions its writer holds (unless the writer may
/// <c>escalate</c> it), and a binding may only reference a role whose permissions its writer holds (unless the
/// writer may <c>bind</c> that role; resourceNames are honoured). An aggregationRule needs <c>escalate</c>, because
/// it pulls in whatever other ClusterRoles grant.
/// </summary>
internal sealed class EscalationCheck(RbacAuthorizer authorizer)
{
    public void Admit(UserInfo user, ResourceType type, JsonObject obj)
    {
        if (user.IsMaster || !RbacIndex.IsRbacKind(type))
        {
            return;
        }

        var meta = obj.GetObject("metadata");
        var name = meta.GetString("name") ?? "";
        var ns = type.Namespaced ? meta.GetString("namespace") ?? "" : "";
        if (type.Plural is "roles" or "clusterroles")
        {
            if (authorizer.Allows(RequestAttributes.ForResource(user, "escalate", RbacIndex.Group, type.Plural, ns: ns, name: name)))
            {
                return;
            }

            if (obj["aggregationRule"] is JsonObject)
            {
                throw Forbidden.Error(type.Group, type.Plural, name, "must have cluster-admin privileges to use the aggregationRule");
            }

            Confirm(user, type, name, ns, PolicyRule.ListFrom(obj));
            return;
        }

        var roleRef = obj.GetObject("roleRef");
        var roleKind = roleRef.GetString("kind") ?? "";
        var roleName = roleRef.GetString("name") ?? "";
        var roleResource = roleKind == "Role" ? "roles" : "clusterroles";
        if (authorizer.Allows(RequestAttributes.ForResource(user, "bind", RbacIndex.Group, roleResource, ns: ns, name: roleName)))
        {
            return;
        }

        var rules = authorizer.Index.RoleRules(roleKind, ns, roleName)
            ?? throw Forbidden.Error(type.Group, type.Plural, name, $"{roleResource}.{RbacIndex.Group} \"{roleName}\" not found");
        Confirm(user, type, name, ns, rules);
    }

    private void Confirm(UserInfo user, ResourceType type, string name, string ns, IReadOnlyList<PolicyRule> rules)
    {
        var missing = RuleCoverage.Uncovered(authorizer.Index.RulesFor(user, ns), rules);
        if (missing.Count > 0)
        {
            throw Forbidden.Error(type.Group, type.Plural, name,
                $"user \"{user.Name}\" (groups={RuleCoverage.GoQuoted(user.Groups)}) is attempting to grant RBAC permissions not currently held:\n"
                + string.Join("\n", RuleCoverage.Describe(missing)));
        }
    }
}
