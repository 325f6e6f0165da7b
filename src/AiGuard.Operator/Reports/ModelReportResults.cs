using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Engine.Controls;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// ModelReportResults turns the engine's verdict on one ModelDeployment into report results: one per control in the
/// catalog, in catalog order. A passing control is <c>pass</c>; a failing one <c>fail</c> with the findings as message;
/// a control a GuardException waives is <c>skip</c> naming the exception in <c>properties.waivedBy</c>; a control that
/// was not evaluated (disabled by a GuardPolicy, or it needs an input the operator lacks) is <c>skip</c>. A spec the
/// engine rejects yields a single <c>error</c> result, because no control was evaluated.
/// </summary>
public static class ModelReportResults
{
    /// <summary>The policy every AiGuard result names.</summary>
    public const string Policy = "aiguard";

    /// <summary>The source every AiGuard result names.</summary>
    public const string Source = "aiguard";

    /// <summary>The rule of the single result of a ModelDeployment whose spec is invalid.</summary>
    public const string SpecRule = "spec";

    /// <summary>Property naming the GuardException that waives a control.</summary>
    public const string WaivedByProperty = "waivedBy";

    // Messages repeat finding texts; the cap keeps one noisy control from inflating the whole report.
    private const int MaxMessage = 1024;

    /// <summary>The results for <paramref name="model"/> judged by <paramref name="assessment"/>, stamped <paramref name="since"/>.</summary>
    public static IReadOnlyList<ReportResult> For(ModelDeployment model, Assessment assessment, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(assessment);
        var resources = new[] { ReferenceTo(model) };
        var timestamp = ReportTimestamp.Of(since);
        if (assessment.SpecErrors.Count > 0)
        {
            return
            [
                new ReportResult
                {
                    Policy = Policy,
                    Rule = SpecRule,
                    Result = ReportResult.Error,
                    Severity = "high",
                    Category = "Validation",
                    Message = Clip("invalid spec: " + string.Join("; ", assessment.SpecErrors)),
                    Source = Source,
                    Timestamp = timestamp,
                    Resources = resources,
                },
            ];
        }

        var evaluated = assessment.Results.ToDictionary(r => r.Control, StringComparer.Ordinal);
        var findings = assessment.Findings.ToLookup(f => f.Control, StringComparer.Ordinal);
        return ControlCatalog.All
            .Select(definition => Result(definition, evaluated.GetValueOrDefault(definition.Id), findings[definition.Id].ToList()) with
            {
                Timestamp = timestamp,
                Resources = resources,
            })
            .ToList();
    }

    private static ReportResult Result(ControlDefinition definition, ControlResult? evaluated, List<Finding> findings)
    {
        var result = new ReportResult
        {
            Policy = Policy,
            Rule = definition.Id,
            Category = definition.Area,
            Severity = SeverityOf(evaluated?.Severity ?? definition.DefaultSeverity),
            Source = Source,
        };
        if (evaluated is null)
        {
            return result with { Result = ReportResult.Skip, Message = $"not evaluated: {definition.Title}" };
        }

        if (!evaluated.Passed)
        {
            var failing = findings.Where(f => !f.Waived).Select(f => f.Message);
            return result with { Result = ReportResult.Fail, Message = Clip(string.Join("; ", failing)) };
        }

        if (findings.FirstOrDefault(f => f.Waived)?.WaivedBy is { } exception)
        {
            return result with
            {
                Result = ReportResult.Skip,
                Message = Clip($"waived by GuardException {exception}: " + string.Join("; ", findings.Select(f => f.Message))),
                Properties = new Dictionary<string, string> { [WaivedByProperty] = exception },
            };
        }

        return result with { Result = ReportResult.Pass, Message = definition.Title };
    }

    // Both APIs accept critical, high, medium, low and info; AiGuard's severities are the first four.
    private static string SeverityOf(string severity) => SeverityScale.IsKnown(severity) ? severity : "info";

    private static V1ObjectReference ReferenceTo(ModelDeployment model) => new()
    {
        ApiVersion = ApiGroup.GroupVersion,
        Kind = ModelDeployment.KubeKind,
        Name = model.Metadata.Name,
        NamespaceProperty = model.Metadata.NamespaceProperty,
        Uid = model.Metadata.Uid,
    };

    internal static string Clip(string message) => message.Length > MaxMessage ? message[..(MaxMessage - 1)] + "…" : message;
}
