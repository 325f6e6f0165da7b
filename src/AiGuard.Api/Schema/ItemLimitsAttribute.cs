namespace AiGuard.Api.Schema;

/// <summary>
/// ItemLimitsAttribute bounds a list (openAPIV3 <c>minItems</c>/<c>maxItems</c>) or a map (<c>minProperties</c>/<c>maxProperties</c>);
/// -1 leaves a bound unset. Bound every collection a CEL rule iterates, or the API server rejects the rule as too costly.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemLimitsAttribute(int minItems = -1, int maxItems = -1) : Attribute
{
    public int MinItems { get; } = minItems;
    public int MaxItems { get; } = maxItems;
}
