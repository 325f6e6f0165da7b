namespace AiGuard.Operator.Reports;

/// <summary>ReportWriteOutcome is what <see cref="ReportWriter"/> did with one report.</summary>
public enum ReportWriteOutcome
{
    /// <summary>The stored report already says this (or, for a report that should not exist, none of ours exists).</summary>
    Unchanged,

    /// <summary>The report was created or changed.</summary>
    Written,

    /// <summary>The operator's report was deleted (nothing left to report).</summary>
    Deleted,

    /// <summary>An object the operator does not own holds the name: left exactly as it is.</summary>
    Refused,
}
