namespace AiGuard.Engine.Controls;

/// <summary>
/// ServiceAccountGroups are the RBAC groups through which a binding reaches a ServiceAccount without naming it, as
/// kube-apiserver's ServiceAccount authenticator assigns them. AIG-RBAC-03 and the operator's binding index share this
/// one list, so what the operator routes to a model and what the control judges cannot drift apart.
/// </summary>
public static class ServiceAccountGroups
{
    /// <summary>The prefix of <c>system:serviceaccounts:&lt;namespace&gt;</c>, every ServiceAccount of one namespace.</summary>
    public const string NamespacePrefix = "system:serviceaccounts:";

    /// <summary>Groups that hold every ServiceAccount of the cluster, or every identity at all.</summary>
    public static IReadOnlyList<string> Everyone { get; } = ["system:serviceaccounts", "system:authenticated", "system:unauthenticated"];
}
