namespace AiGuard.Api.ModelDeployments;

/// <summary>Phases are the values of <c>status.phase</c>.</summary>
public static class Phases
{
    public const string Progressing = "Progressing";
    public const string Compliant = "Compliant";
    public const string NonCompliant = "NonCompliant";
    public const string Blocked = "Blocked";
    public const string Quarantined = "Quarantined";
    public const string Error = "Error";
}
