namespace AiGuard.Sandbox.Auth;

/// <summary>
/// The escalation test of kube-apiserver's RBAC storage (validation.Covers): a set of rules is granted only when
/// every atomic permission in it (one group, resource, verb and resource name, or one URL and verb) is covered
/// by a rule the requester already holds. Wildcards in the requested rules are literal: "*" is only covered by "*".
/// </summary>
internal static class RuleCoverage
{
    /// <summary>The atomic rules of <paramref name="requested"/> that <paramref name="owned"/> does not cover.</summary>
    public static IReadOnlyList<PolicyRule> Uncovered(IReadOnlyList<PolicyRule> owned, IEnumerable<PolicyRule> requested) =>
        requested.SelectMany(Breakdown).Where(atom => !owned.Any(o => Covers(o, atom))).ToList();

    public static IEnumerable<PolicyRule> Breakdown(PolicyRule rule)
    {
        foreach (var group in rule.ApiGroups)
        {
            foreach (var resource in rule.Resources)
            {
                foreach (var verb in rule.Verbs)
                {
                    if (rule.ResourceNames.Count == 0)
                    {
                        yield return new PolicyRule([verb], [group], [resource], [], []);
                    }
                    else
                    {
                        foreach (var name in rule.ResourceNames)
                        {
                            yield return new PolicyRule([verb], [group], [resource], [name], []);
                        }
                    }
                }
            }
        }

        foreach (var url in rule.NonResourceUrls)
        {
            foreach (var verb in rule.Verbs)
            {
                yield return new PolicyRule([verb], [], [], [], [url]);
            }
        }
    }

    private static bool Covers(PolicyRule owner, PolicyRule atom)
    {
        var verbs = owner.Verbs.Contains(PolicyRule.All) || atom.Verbs.All(owner.Verbs.Contains);
        var groups = owner.ApiGroups.Contains(PolicyRule.All) || atom.ApiGroups.All(owner.ApiGroups.Contains);
        var resources = ResourcesCovered(owner.Resources, atom.Resources);
        var urls = atom.NonResourceUrls.All(url => owner.NonResourceUrls.Any(o => o == url
            || (o.EndsWith('*') && url.StartsWith(o.TrimEnd('*'), StringComparison.Ordinal))));
        var names = owner.ResourceNames.Count == 0 || (atom.ResourceNames.Count > 0 && atom.ResourceNames.All(owner.ResourceNames.Contains));
        return verbs && groups && resources && urls && names;
    }

    private static bool ResourcesCovered(IReadOnlyList<string> owner, IReadOnlyList<string> wanted)
    {
        if (wanted.All(owner.Contains) || owner.Contains(PolicyRule.All))
        {
            return true;
        }

        // "*/status" in the owner covers the status subresource of every resource.
        return wanted.All(w => w.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 && owner.Contains("*" + w[slash..]));
    }

    /// <summary>
    /// The missing rules as kube-apiserver lists them in its escalation error: rules for one group and resource
    /// without names merged into one entry per resource, each printed like <c>{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}</c>, sorted.
    /// </summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<PolicyRule> missing)
    {
        var compact = new List<PolicyRule>();
        var merged = new Dictionary<(string, string), int>();
        foreach (var rule in missing)
        {
            if (rule is { ApiGroups.Count: 1, Resources.Count: 1, ResourceNames.Count: 0, NonResourceUrls.Count: 0 })
            {
                var key = (rule.ApiGroups[0], rule.Resources[0]);
                if (merged.TryGetValue(key, out var at))
                {
                    compact[at] = compact[at] with { Verbs = [.. compact[at].Verbs, .. rule.Verbs.Except(compact[at].Verbs)] };
                    continue;
                }

                merged[key] = compact.Count;
            }

            compact.Add(rule);
        }

        return compact.Select(CompactString).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string CompactString(PolicyRule rule)
    {
        var parts = new List<string>();
        Add(parts, "APIGroups", rule.ApiGroups);
        Add(parts, "Resources", rule.Resources);
        Add(parts, "NonResourceURLs", rule.NonResourceUrls);
        Add(parts, "ResourceNames", rule.ResourceNames);
        Add(parts, "Verbs", rule.Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    private static void Add(List<string> parts, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            parts.Add(name + ":" + GoQuoted(values));
        }
    }

    /// <summary>Go's %q of a []string: <c>["a" "b"]</c>.</summary>
    public static string GoQuoted(IEnumerable<string> values) =>
        "[" + string.Join(" ", values.Select(v => "\"" + v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";
}
