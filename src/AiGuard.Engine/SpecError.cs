namespace AiGuard.Engine;

/// <summary>SpecError is an invalid field: <see cref="Field"/> is a path such as <c>spec.secrets[0]</c>.</summary>
public sealed record SpecError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
