using System.Text.RegularExpressions;

namespace AiGuard.Sandbox.Resources;

/// <summary>Object name syntax checks with the real server's messages.</summary>
internal static partial class NameValidation
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Label();

    /// <summary>Returns the error message for an invalid name, or null when it is valid.</summary>
    public static string? Check(string name, NameRule rule) => rule switch
    {
        NameRule.Label when name.Length > 63 || !Label().IsMatch(name) =>
            $"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), got \"{name}\"",
        NameRule.Subdomain when name.Length > 253 || !Subdomain().IsMatch(name) =>
            $"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), got \"{name}\"",
        NameRule.PathSegment when name is "." or ".." || name.Contains('/') || name.Contains('%') =>
            $"may not contain '/' or '%' and may not be '.' or '..', got \"{name}\"",
        _ => null,
    };

    /// <summary>True when <paramref name="value"/> is a valid label value (empty or a 63-character name-ish token).</summary>
    public static bool IsLabelValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && LabelValue().IsMatch(value));

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\\z")]
    private static partial Regex LabelValue();
}
