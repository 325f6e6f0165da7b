namespace AiGuard.Cli.Audit;

/// <summary>
/// IgnoredDocument is a GuardPolicy or GuardException found in the audited inputs while <c>--policy</c> was given:
/// it was checked but not applied, because a change under review must not waive or relax its own checks.
/// </summary>
/// <param name="Kind">GuardPolicy or GuardException.</param>
/// <param name="Id"><c>namespace/name</c> of a GuardException, the name of a (cluster-scoped) GuardPolicy.</param>
/// <param name="File">The input file, as reports name it.</param>
/// <param name="Line">The line where it starts.</param>
public sealed record IgnoredDocument(string Kind, string Id, string File, int Line)
{
    /// <summary>Why every ignored document was ignored, for the report formats' notes.</summary>
    public const string Reason = "--policy was given, so GuardPolicies and GuardExceptions apply only from the --policy paths";

    /// <summary><c>file:line</c>, as reports show sources.</summary>
    public string Source => $"{File}:{Line}";

    public override string ToString() => $"{Kind} {Id} ({Source})";
}
