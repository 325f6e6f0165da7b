namespace AiGuard.Api.Schema;

/// <summary>PatternAttribute sets the openAPIV3 <c>pattern</c> of a string property (or of every item of a string list).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}
