namespace AiGuard.Api.Schema;

/// <summary>EnumValuesAttribute lists the values a string property, or every item of a string list, accepts (openAPIV3 <c>enum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}
