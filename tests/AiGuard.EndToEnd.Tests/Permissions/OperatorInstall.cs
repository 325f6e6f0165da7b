using AiGuard.Sandbox.Tests.Clients;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>
/// One way of installing the operator as a cluster admin would, and how its Deployment runs it: the ServiceAccount
/// whose token the operator gets, and the container's arguments and environment as rendered (so the run follows the
/// manifests, not a copy of them).
/// </summary>
/// <param name="Name">What the install is, for messages.</param>
/// <param name="Objects">The rendered objects, the operator's rules among them.</param>
/// <param name="InstallAsync">Installs with admin credentials through the session's kubeconfig.</param>
internal sealed record OperatorInstall(string Name, IReadOnlyList<object> Objects, Func<KubeClientSession, Task> InstallAsync)
{
    /// <summary>The pod's namespace: the Lease and the sealing keys live here.</summary>
    public string Namespace => Deployment.Metadata.NamespaceProperty;

    public string ServiceAccount => Deployment.Spec.Template.Spec.ServiceAccountName;

    public V1Deployment Deployment => Objects.OfType<V1Deployment>().Single();

    public string LeaseName => Environment.GetValueOrDefault("AIGUARD_LEASE_NAME", AiGuard.Operator.Hosting.OperatorOptions.DefaultLeaseName);

    /// <summary>
    /// The container's arguments with the listening ports set to 0 (the kubelet gives each pod its own network; several
    /// runs share this machine's), and without the image's entrypoint.
    /// </summary>
    public IReadOnlyList<string> Arguments =>
        [.. Container.Args.Select(a => a.StartsWith("--health-port=", StringComparison.Ordinal) ? "--health-port=0"
            : a.StartsWith("--metrics-port=", StringComparison.Ordinal) ? "--metrics-port=0" : a)];

    /// <summary>
    /// The container's environment: literal values as rendered, downward-API values as the kubelet would fill them
    /// (POD_NAME), plus the pod's namespace, which in a pod comes from the ServiceAccount mount.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["AIGUARD_OPERATOR_NAMESPACE"] = Namespace,
            };
            foreach (var variable in Container.Env ?? [])
            {
                environment[variable.Name] = variable.ValueFrom?.FieldRef?.FieldPath switch
                {
                    null => variable.Value ?? "",
                    "metadata.name" => Deployment.Metadata.Name + "-proof",
                    var path => throw new InvalidOperationException($"{Name}: env {variable.Name} uses fieldRef {path}, which this test does not fill in"),
                };
            }

            return environment;
        }
    }

    /// <summary>The rules the operator's ServiceAccount is bound to, in the order of their roles: one entry per rule.</summary>
    public IReadOnlyList<OperatorRule> OperatorRules()
    {
        bool NamesOperator(IEnumerable<Rbacv1Subject>? subjects) =>
            (subjects ?? []).Any(s => s.Kind == "ServiceAccount" && s.Name == ServiceAccount && s.NamespaceProperty == Namespace);
        var boundRoles = Objects.OfType<V1ClusterRoleBinding>().Where(b => NamesOperator(b.Subjects)).Select(b => (b.RoleRef.Kind, b.RoleRef.Name))
            .Concat(Objects.OfType<V1RoleBinding>().Where(b => NamesOperator(b.Subjects)).Select(b => (b.RoleRef.Kind, b.RoleRef.Name)))
            .ToHashSet();
        var roles = Objects.OfType<V1ClusterRole>().Select(r => ("ClusterRole", r.Metadata.Name, r.Rules))
            .Concat(Objects.OfType<V1Role>().Select(r => ("Role", r.Metadata.Name, r.Rules)));
        return [.. roles.Where(r => boundRoles.Contains((r.Item1, r.Name)))
            .SelectMany(r => (r.Rules ?? []).Select((rule, index) => new OperatorRule(r.Item1, r.Name, index, rule)))];
    }

    /// <summary>The same install, then the role holding <paramref name="removed"/> replaced by a copy without it.</summary>
    public OperatorInstall Without(OperatorRule removed) => this with
    {
        Name = $"{Name} without {removed}",
        Objects = [.. Objects.Select(o => o is V1Role or V1ClusterRole && RuleHolder(o) == (removed.Kind, removed.Role) ? RoleWithout(removed) : o)],
        InstallAsync = async session =>
        {
            await InstallAsync(session);
            await InstallManifests.KubectlWithInputAsync(session, k8s.KubernetesJson.Serialize(RoleWithout(removed)), "replace", "-f", "-");
        },
    };

    /// <summary>
    /// True when the install's other rules already grant everything <paramref name="rule"/> does where the operator
    /// works (its own namespace and the models'): removing it there proves nothing, so another install shape is needed.
    /// </summary>
    public bool Shadows(OperatorRule rule, params string[] namespaces)
    {
        var grants = new OperatorGrants(Without(rule).Objects, ServiceAccount, Namespace);
        return namespaces.All(ns => grants.Allows(ns, rule.Rule));
    }

    private static (string Kind, string Name) RuleHolder(object role) => role switch
    {
        V1Role r => ("Role", r.Metadata.Name),
        V1ClusterRole c => ("ClusterRole", c.Metadata.Name),
        _ => ("", ""),
    };

    // The rendered role minus the one rule; applied with `kubectl replace` over what the install created.
    private object RoleWithout(OperatorRule removed)
    {
        if (removed.Kind == "Role")
        {
            var role = Objects.OfType<V1Role>().Single(r => r.Metadata.Name == removed.Role);
            return new V1Role { ApiVersion = role.ApiVersion, Kind = role.Kind, Metadata = role.Metadata, Rules = [.. role.Rules.Where((_, i) => i != removed.Index)] };
        }

        var clusterRole = Objects.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == removed.Role);
        return new V1ClusterRole { ApiVersion = clusterRole.ApiVersion, Kind = clusterRole.Kind, Metadata = clusterRole.Metadata, Rules = [.. clusterRole.Rules.Where((_, i) => i != removed.Index)] };
    }

    private V1Container Container => Deployment.Spec.Template.Spec.Containers.Single();
}
