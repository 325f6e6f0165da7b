namespace AiGuard.Api.Schema;

/// <summary>
/// StringLengthLimitsAttribute bounds a string, or every item of a string list (openAPIV3 <c>minLength</c>/<c>maxLength</c>);
/// -1 leaves a bound unset.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StringLengthLimitsAttribute(int minLength = -1, int maxLength = -1) : Attribute
{
    public int MinLength { get; } = minLength;
    public int MaxLength { get; } = maxLength;
}
