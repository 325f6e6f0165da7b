using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Demo;
using AiGuard.Engine;
using AiGuard.Engine.Controls;

namespace AiGuard.Cli.Report;

/// <summary>
/// ClusterReportBuilder turns a <see cref="ClusterSnapshot"/> into a <see cref="ClusterReport"/>: it counts, averages
/// and sorts worst first (most severe unwaived finding, then lowest score). Only models the operator has reported
/// on for their current generation count as evaluated; a model without a status is listed as Pending and counts in
/// no score or control, so a fresh model never looks compliant or failing before it was judged.
/// </summary>
public static class ClusterReportBuilder
{
    /// <summary>Builds the report at <paramref name="now"/>.</summary>
    /// <param name="snapshot">What was read.</param>
    /// <param name="now">The clock for the expiry window.</param>
    /// <param name="expiringWithin">Exceptions ending after now and at most this much later are listed.</param>
    /// <param name="topFindings">How many of the worst findings to list.</param>
    /// <param name="unmanagedOnly">Mark the report for printing only its unmanaged workloads (--unmanaged).</param>
    public static ClusterReport Build(ClusterSnapshot snapshot, DateTimeOffset now, TimeSpan expiringWithin, int topFindings, bool unmanagedOnly = false)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = snapshot.Models.Select(ModelRow.From).ToList();
        var models = snapshot.Models.Zip(rows, ToModel).OrderBy(m => m, WorstFirst.Instance).ToList();
        var evaluated = rows.Where(r => r.Score is not null).ToList();
        var findings = evaluated
            .SelectMany(r => r.Findings.Select(f => new ReportedFinding(r.Namespace, r.Name, f.Control, f.Severity, f.Message, f.Remediation, r.Score)))
            .OrderByDescending(f => SeverityScale.Rank(f.Severity))
            .ThenBy(f => f.ModelScore ?? int.MaxValue)
            .ThenBy(f => f.Namespace, StringComparer.Ordinal)
            .ThenBy(f => f.Model, StringComparer.Ordinal)
            .ThenBy(f => f.Control, StringComparer.Ordinal)
            .ToList();
        var expiring = Expiring(snapshot.Exceptions, now, expiringWithin);
        var totals = new ReportTotals(
            rows.Count,
            evaluated.Count,
            evaluated.Count(r => r.Phase == Phases.Compliant),
            evaluated.Count(r => r.Phase != Phases.Compliant),
            rows.Count - evaluated.Count,
            Average(evaluated),
            SeverityCounts.Of(evaluated.SelectMany(r => r.Findings)),
            evaluated.Sum(r => r.Waived.Count),
            expiring.Count,
            snapshot.Unmanaged.Count);
        return new ClusterReport(
            now,
            snapshot.Namespace,
            (int)Math.Round(expiringWithin.TotalDays),
            totals,
            Namespaces(rows),
            Controls(evaluated),
            models,
            findings.Take(Math.Max(0, topFindings)).ToList(),
            expiring,
            snapshot.Unmanaged
                .OrderBy(w => w.Namespace, StringComparer.Ordinal)
                .ThenBy(w => w.Kind, StringComparer.Ordinal)
                .ThenBy(w => w.Name, StringComparer.Ordinal)
                .ToList(),
            unmanagedOnly);
    }

    private static ModelCompliance ToModel(ModelDeployment model, ModelRow row)
    {
        var evaluated = row.Score is not null;
        var enforcement = evaluated ? model.Status?.Enforcement : null;
        var unwaived = evaluated ? row.Findings : [];
        var worst = unwaived.Select(f => f.Severity).Where(SeverityScale.IsKnown).OrderByDescending(SeverityScale.Rank).FirstOrDefault();
        return new ModelCompliance(row.Namespace, row.Name, row.Phase, row.Score, enforcement, row.Ready, worst,
            SeverityCounts.Of(unwaived), evaluated ? row.Waived.Count : 0);
    }

    private static List<NamespaceCompliance> Namespaces(List<ModelRow> rows) =>
        rows.GroupBy(r => r.Namespace, StringComparer.Ordinal)
            .Select(g =>
            {
                var evaluated = g.Where(r => r.Score is not null).ToList();
                return new NamespaceCompliance(
                    g.Key,
                    g.Count(),
                    evaluated.Count,
                    evaluated.Count(r => r.Phase == Phases.Compliant),
                    Average(evaluated),
                    evaluated.Count == 0 ? null : evaluated.Min(r => r.Score),
                    SeverityCounts.Of(evaluated.SelectMany(r => r.Findings)),
                    evaluated.Sum(r => r.Waived.Count));
            })
            .OrderBy(n => n.AverageScore ?? int.MaxValue)
            .ThenBy(n => n.Namespace, StringComparer.Ordinal)
            .ToList();

    // Every catalog control, then ids the findings name that this version does not know (a newer operator's).
    private static List<ControlCompliance> Controls(List<ModelRow> evaluated)
    {
        var ids = ControlCatalog.All.Select(c => c.Id).ToList();
        ids.AddRange(evaluated.SelectMany(r => r.Findings.Concat(r.Waived)).Select(f => f.Control)
            .Where(id => ControlCatalog.Find(id) is null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return ids.Select(id =>
        {
            var failing = evaluated.Count(r => r.Findings.Any(f => f.Control == id));
            var waived = evaluated.Count(r => r.Findings.All(f => f.Control != id) && r.Waived.Any(f => f.Control == id));
            return new ControlCompliance(id, ControlCatalog.Find(id)?.Title ?? "", evaluated.Count - failing - waived, failing, waived);
        }).ToList();
    }

    private static List<ExpiringException> Expiring(IReadOnlyList<GuardException> exceptions, DateTimeOffset now, TimeSpan window) =>
        exceptions
            .Where(e => e.Spec.ExpiresAt is not null)
            .Select(e => (Exception: e, ExpiresAt: new DateTimeOffset(DateTime.SpecifyKind(e.Spec.ExpiresAt!.Value, DateTimeKind.Utc))))
            .Where(e => e.ExpiresAt > now && e.ExpiresAt - now <= window)
            .OrderBy(e => e.ExpiresAt)
            .ThenBy(e => e.Exception.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(e => e.Exception.Metadata.Name, StringComparer.Ordinal)
            .Select(e => new ExpiringException(
                e.Exception.Metadata.NamespaceProperty ?? "",
                e.Exception.Metadata.Name,
                e.Exception.Spec.Controls ?? [],
                e.Exception.Spec.ModelDeployments ?? [],
                e.Exception.Spec.ApprovedBy ?? "",
                e.ExpiresAt,
                (int)Math.Ceiling((e.ExpiresAt - now).TotalDays),
                e.Exception.Status?.MatchedModelDeployments))
            .ToList();

    private static int? Average(List<ModelRow> evaluated) =>
        evaluated.Count == 0 ? null : (int)Math.Round(evaluated.Average(r => r.Score!.Value), MidpointRounding.AwayFromZero);

    /// <summary>Worst first: the most severe unwaived finding, then the lowest score, pending models last, then by name.</summary>
    private sealed class WorstFirst : IComparer<ModelCompliance>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(ModelCompliance? x, ModelCompliance? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? 1 : -1;
            }

            var bySeverity = SeverityScale.Rank(y.WorstSeverity).CompareTo(SeverityScale.Rank(x.WorstSeverity));
            if (bySeverity != 0)
            {
                return bySeverity;
            }

            var byScore = (x.Score ?? int.MaxValue).CompareTo(y.Score ?? int.MaxValue);
            if (byScore != 0)
            {
                return byScore;
            }

            var byNamespace = string.CompareOrdinal(x.Namespace, y.Namespace);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
