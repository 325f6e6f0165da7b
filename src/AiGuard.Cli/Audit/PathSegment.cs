namespace AiGuard.Cli.Audit;

/// <summary>PathSegment is one step of a <see cref="FieldPath"/>: a property name, or a list index when <see cref="Name"/> is null.</summary>
public readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Property(string name) => new(name, -1);

    public static PathSegment Item(int index) => new(null, index);

    public bool IsIndex => Name is null;
}
