namespace AiGuard.Cli.Report;

/// <summary>
/// ControlCompliance is one control's line: of the evaluated models, how many pass it, fail it (an unwaived finding)
/// or have every finding of it waived.
/// </summary>
/// <param name="Control">The control id, e.g. AIG-NET-01.</param>
/// <param name="Title">The catalog's one-line title ("" for a control this version does not know).</param>
/// <param name="Passing">Evaluated models without a finding of this control.</param>
/// <param name="Failing">Evaluated models with an unwaived finding of it.</param>
/// <param name="Waived">Evaluated models whose findings of it are all waived.</param>
public sealed record ControlCompliance(string Control, string Title, int Passing, int Failing, int Waived)
{
    /// <summary>Passing + Failing + Waived: the evaluated models.</summary>
    public int Evaluated => Passing + Failing + Waived;
}
