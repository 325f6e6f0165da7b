namespace AiGuard.Engine.Validation;

/// <summary>SpecErrorList collects spec errors with small helpers for the checks the CRD schema expresses.</summary>
internal sealed class SpecErrorList
{
    private readonly List<SpecError> errors = [];

    public IReadOnlyList<SpecError> Errors => errors;

    public void Add(string field, string message) => errors.Add(new SpecError(field, message));

    public void Enum(string field, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Add(field, $"'{value}' is not allowed; use one of {string.Join(", ", allowed)}");
        }
    }

    public void Range(string field, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"{v} is out of range; use {min} to {max}");
        }
    }

    public void Pattern(string field, string? value, System.Text.RegularExpressions.Regex pattern, string expected)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            Add(field, $"'{value}' is not valid: expected {expected}");
        }
    }
}
