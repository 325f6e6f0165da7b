namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>RBAC kinds: names are path segments ("system:controller:x" is valid).</summary>
internal sealed class RbacStrategy : ResourceStrategy
{
    public static RbacStrategy Instance { get; } = new();

    public override NameRule NameRule => NameRule.PathSegment;
}
