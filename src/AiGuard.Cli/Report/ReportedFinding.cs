namespace AiGuard.Cli.Report;

/// <summary>ReportedFinding is one unwaived finding with the model it belongs to.</summary>
/// <param name="Namespace">The model's namespace.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Control">The control id.</param>
/// <param name="Severity">critical, high, medium or low.</param>
/// <param name="Message">What is wrong (text from the cluster: renderers escape it).</param>
/// <param name="Remediation">How to fix it.</param>
/// <param name="ModelScore">The model's score, which orders findings of equal severity.</param>
public sealed record ReportedFinding(string Namespace, string Model, string Control, string Severity, string Message, string Remediation, int? ModelScore);
