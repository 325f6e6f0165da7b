namespace AiGuard.Api.Schema;

/// <summary>
/// ValidationRuleAttribute adds an <c>x-kubernetes-validations</c> CEL rule to the schema of a type or property.
/// The engine enforces the same rule in C# so that a cluster without CEL never lets a bad spec through silently.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class ValidationRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
}
