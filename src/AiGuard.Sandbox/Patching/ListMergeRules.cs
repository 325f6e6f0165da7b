namespace AiGuard.Sandbox.Patching;

/// <summary>
/// The one table of list merge keys (the <c>patchMergeKey</c>/<c>listMapKeys</c> of the built-in Go types) that both
/// strategic merge patch and server-side apply use. Paths are field names from the object root with list levels
/// left out: a Deployment's container env is <c>spec.template.spec.containers.env</c>.
/// Custom resources get only the ObjectMeta rules (finalizers, ownerReferences); their other lists are atomic.
/// </summary>
public static class ListMergeRules
{
    private static readonly HashSet<string> ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    // Rules keyed by the last two path segments; they hold wherever that pair appears (pod specs nest in templates).
    private static readonly Dictionary<(string Parent, string Field), ListMergeRule> BuiltInPairs = new()
    {
        [("spec", "containers")] = ListMergeRule.MapBy("name"),
        [("spec", "initContainers")] = ListMergeRule.MapBy("name"),
        [("spec", "ephemeralContainers")] = ListMergeRule.MapBy("name"),
        [("spec", "volumes")] = ListMergeRule.MapBy("name"),
        [("spec", "imagePullSecrets")] = ListMergeRule.MapBy("name"),
        [("spec", "hostAliases")] = ListMergeRule.MapBy("ip"),
        [("spec", "topologySpreadConstraints")] = ListMergeRule.MapBy("topologyKey"),
        [("spec", "resourceClaims")] = ListMergeRule.MapBy("name"),
        [("spec", "schedulingGates")] = ListMergeRule.MapBy("name"),
        [("status", "conditions")] = ListMergeRule.MapBy("type"),
    };

    // Fields of a container (whatever list it sits in).
    private static readonly Dictionary<string, ListMergeRule> ContainerFields = new()
    {
        ["ports"] = ListMergeRule.MapBy("containerPort"),
        ["env"] = ListMergeRule.MapBy("name"),
        ["volumeMounts"] = ListMergeRule.MapBy("mountPath"),
        ["volumeDevices"] = ListMergeRule.MapBy("devicePath"),
    };

    // Rules that depend on the kind, keyed by the full path.
    private static readonly Dictionary<(string Kind, string Path), ListMergeRule> KindPaths = new()
    {
        [("Service", "spec.ports")] = ListMergeRule.MapBy("port"),
        [("ServiceAccount", "secrets")] = ListMergeRule.MapBy("name"),
    };

    /// <summary>The merge rule of the list at <paramref name="fieldPath"/> in an object of this apiVersion and kind.</summary>
    public static ListMergeRule For(string apiVersion, string kind, IReadOnlyList<string> fieldPath)
    {
        if (fieldPath.Count >= 2 && fieldPath[^2] == "metadata")
        {
            switch (fieldPath[^1])
            {
                case "finalizers":
                    return ListMergeRule.Set;
                case "ownerReferences":
                    return ListMergeRule.MapBy("uid");
            }
        }

        if (!IsBuiltIn(apiVersion) || fieldPath.Count == 0)
        {
            return ListMergeRule.Atomic;
        }

        if (KindPaths.TryGetValue((kind, string.Join('.', fieldPath)), out var byKind))
        {
            return byKind;
        }

        if (fieldPath.Count >= 2)
        {
            if (ContainerLists.Contains(fieldPath[^2]) && ContainerFields.TryGetValue(fieldPath[^1], out var containerRule))
            {
                return containerRule;
            }

            if (BuiltInPairs.TryGetValue((fieldPath[^2], fieldPath[^1]), out var pairRule))
            {
                return pairRule;
            }
        }

        return ListMergeRule.Atomic;
    }

    /// <summary>
    /// True for the API groups compiled into the API server (core, apps, batch, *.k8s.io, ...), whose Go types carry
    /// merge keys; custom resources do not.
    /// </summary>
    public static bool IsBuiltIn(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return true; // "v1": the core group
        }

        var group = apiVersion[..slash];
        return !group.Contains('.', StringComparison.Ordinal)
            || group.EndsWith(".k8s.io", StringComparison.Ordinal)
            || group.EndsWith(".kubernetes.io", StringComparison.Ordinal);
    }
}
