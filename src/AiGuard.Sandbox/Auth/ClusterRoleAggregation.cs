using System.Text.Json.Nodes;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// The clusterrole-aggregation controller: a ClusterRole with an aggregationRule holds the union of the rules of
/// every other ClusterRole its selectors match (in name order, duplicates dropped), rewritten whenever a
/// ClusterRole changes. Runs synchronously after each ClusterRole write, so a request that follows a write already
/// sees the aggregated result; chains (view into edit into admin) settle within the same call.
/// </summary>
internal sealed class ClusterRoleAggregation(Cluster cluster, RbacIndex index)
{
    private readonly object gate = new();

    [ThreadStatic]
    private static bool reconciling;

    public void Reconcile()
    {
        // Our own rule updates re-enter through the ClusterRole write hook; the loop below already re-reads.
        if (reconciling)
        {
            return;
        }

        lock (gate)
        {
            reconciling = true;
            try
            {
                // Each pass fixes one role and starts over from the updated index; a cycle of aggregating roles
                // still settles because rules only move between roles, so the bound is generous, not tight.
                for (var pass = 0; pass < 1000 && UpdateOne(); pass++)
                {
                }
            }
            finally
            {
                reconciling = false;
            }
        }
    }

    private bool UpdateOne()
    {
        var roles = index.ClusterRoles().OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        foreach (var aggregating in roles.Where(r => r.AggregationSelectors is not null))
        {
            var union = new List<PolicyRule>();
            foreach (var source in roles.Where(r => r.Name != aggregating.Name && aggregating.AggregationSelectors!.Any(s => s.Matches(r.Labels))))
            {
                union.AddRange(source.Rules.Where(rule => !union.Any(rule.SameAs)));
            }

            if (union.Count == aggregating.Rules.Count && union.Zip(aggregating.Rules).All(p => p.First.SameAs(p.Second)))
            {
                continue;
            }

            var type = cluster.Registry.Current.Find(RbacIndex.Group, "v1", "clusterroles")!;
            var result = cluster.Operations.SystemUpdate(type, StoredObject.KeyOf(null, aggregating.Name), role =>
            {
                role["rules"] = new JsonArray(union.Select(r => (JsonNode)r.ToJson()).ToArray());
                return true;
            });
            if (result is { Action: not WriteAction.None })
            {
                index.Apply(type, result);
                return true;
            }
        }

        return false;
    }
}
