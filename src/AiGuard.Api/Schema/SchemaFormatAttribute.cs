namespace AiGuard.Api.Schema;

/// <summary>SchemaFormatAttribute sets the openAPIV3 <c>format</c> of a property (e.g. <c>date-time</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaFormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}
