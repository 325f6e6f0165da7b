namespace AiGuard.Api.Schema;

/// <summary>ValueRangeAttribute bounds an integer property, or every item of an integer list (openAPIV3 <c>minimum</c>/<c>maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValueRangeAttribute(long minimum, long maximum) : Attribute
{
    public long Minimum { get; } = minimum;
    public long Maximum { get; } = maximum;
}
