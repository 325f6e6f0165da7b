namespace AiGuard.Cli.Report;

/// <summary>ExpiringException is a GuardException that ends within the report's window.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Controls">The controls it waives.</param>
/// <param name="ModelDeployments">The models it names ("*" for all of the namespace).</param>
/// <param name="ApprovedBy">Who approved it (free text from the cluster: renderers escape it).</param>
/// <param name="ExpiresAt">When it ends.</param>
/// <param name="DaysLeft">Whole days until it ends, rounded up: 3 for an exception ending in 2 days and 23 hours.</param>
/// <param name="MatchedModelDeployments">How many models it waives findings for now, as the operator reported.</param>
public sealed record ExpiringException(
    string Namespace,
    string Name,
    IReadOnlyList<string> Controls,
    IReadOnlyList<string> ModelDeployments,
    string ApprovedBy,
    DateTimeOffset ExpiresAt,
    int DaysLeft,
    int? MatchedModelDeployments);
