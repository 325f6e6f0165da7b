namespace AiGuard.Sandbox.Auth;

/// <summary>
/// A RoleBinding (<see cref="Namespace"/> set) or ClusterRoleBinding (empty namespace) as the RBAC index keeps it:
/// what it refers to and, per subject key ("u:name" or "g:name"), how the subject reads in an RBAC reason.
/// </summary>
internal sealed record RoleBindingEntry(string Namespace, string Name, string RoleKind, string RoleName, IReadOnlyDictionary<string, string> Subjects)
{
    public bool IsClusterWide => Namespace.Length == 0;

    /// <summary>kube-apiserver's wording: <c>RoleBinding "name/ns" of ClusterRole "edit" to User "alice"</c>.</summary>
    public string Describe(string subjectKey) => IsClusterWide
        ? $"ClusterRoleBinding \"{Name}\" of {RoleKind} \"{RoleName}\" to {Subjects[subjectKey]}"
        : $"RoleBinding \"{Name}/{Namespace}\" of {RoleKind} \"{RoleName}\" to {Subjects[subjectKey]}";

    public static string UserKey(string name) => "u:" + name;

    public static string GroupKey(string name) => "g:" + name;
}
