using AiGuard.Operator.Runtime;
using Prometheus;

namespace AiGuard.Operator.Reports;

/// <summary>
/// PolicyReportMetrics: <c>aiguard_policy_report_writes_total{kind}</c> counts report creates, changes and deletes
/// per kind (PolicyReport, ClusterPolicyReport, Report, ClusterReport); <c>aiguard_policy_report_conflicts_total{kind}</c>
/// counts refusals to touch a report name a foreign object holds.
/// </summary>
public sealed class PolicyReportMetrics(RuntimeMetrics metrics)
{
    private readonly Counter _writes = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter(
        "aiguard_policy_report_writes_total", "PolicyReport / openreports Report writes (create, change, delete) by kind.",
        new CounterConfiguration { LabelNames = ["kind"] });

    private readonly Counter _conflicts = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter(
        "aiguard_policy_report_conflicts_total", "Report writes refused because an object the operator does not own holds the name.",
        new CounterConfiguration { LabelNames = ["kind"] });

    /// <summary>Counts one write of <paramref name="kind"/>.</summary>
    public void Written(string kind) => _writes.WithLabels(kind).Inc();

    /// <summary>Counts one refusal for <paramref name="kind"/>.</summary>
    public void Refused(string kind) => _conflicts.WithLabels(kind).Inc();
}
