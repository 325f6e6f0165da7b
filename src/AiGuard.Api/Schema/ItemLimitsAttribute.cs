namespace AiGuard.Api.Schema;

/// <summary>ItemLimitsAttribute bounds a list (openAPIV3 <c>minItems</c>/<c>maxItems</c>); -1 leaves a bound unset.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemLimitsAttribute(int minItems = -1, int maxItems = -1) : Attribute
{
    public int MinItems { get; } = minItems;
    public int MaxItems { get; } = maxItems;
}
