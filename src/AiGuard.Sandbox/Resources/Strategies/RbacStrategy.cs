using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// RBAC kinds: names are path segments ("system:controller:x" is valid); every committed write feeds the
/// authorizer's index and the ClusterRole aggregation controller.
/// </summary>
internal sealed class RbacStrategy : ResourceStrategy
{
    public static RbacStrategy Instance { get; } = new();

    public override NameRule NameRule => NameRule.PathSegment;

    public override void AfterWrite(Cluster cluster, ResourceType type, WriteResult result) => cluster.Access.RbacWritten(type, result);
}
