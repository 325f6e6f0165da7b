using System.Globalization;
using System.Text;
using System.Xml;
using AiGuard.Engine;
using AiGuard.Engine.Controls;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// JunitReportWriter writes JUnit XML, which GitLab, Jenkins, Azure DevOps and GitHub test reporters render: one
/// test suite per input file, one test case per ModelDeployment and evaluated control. An unwaived finding is a
/// failure (whatever --fail-on says; the exit code is the gate), a waived one is skipped, a passing control passes.
/// GuardPolicies and GuardExceptions ignored because --policy was given form a last suite of skipped cases, so CI
/// test views show them.
/// </summary>
public sealed class JunitReportWriter : IReportWriter
{
    public void Write(AuditReport report, TextWriter output)
    {
        var cases = report.Results.Select(r => (Result: r, Cases: CasesOf(r))).ToList();
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "aiguard audit");
            WriteCounts(xml, cases.SelectMany(c => c.Cases).ToList());
            foreach (var file in cases.GroupBy(c => c.Result.File))
            {
                var fileCases = file.SelectMany(c => c.Cases).ToList();
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", file.Key);
                WriteCounts(xml, fileCases);
                xml.WriteAttributeString("timestamp", report.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                foreach (var (result, resultCases) in file)
                {
                    foreach (var testCase in resultCases)
                    {
                        WriteCase(xml, report, result, testCase);
                    }
                }
                xml.WriteEndElement();
            }
            WriteIgnored(xml, report);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteIgnored(XmlWriter xml, AuditReport report)
    {
        if (report.Ignored.Count == 0)
        {
            return;
        }
        var count = report.Ignored.Count.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "ignored inputs");
        xml.WriteAttributeString("tests", count);
        xml.WriteAttributeString("failures", "0");
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", count);
        xml.WriteAttributeString("timestamp", report.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        foreach (var document in report.Ignored)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", $"{document.Kind} {document.Id}");
            xml.WriteAttributeString("name", "ignored");
            xml.WriteAttributeString("file", document.File);
            xml.WriteAttributeString("line", document.Line.ToString(CultureInfo.InvariantCulture));
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", $"not applied: {IgnoredDocument.Reason}");
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static List<ControlCase> CasesOf(AuditResult result)
    {
        // Evaluated controls in catalog order, plus any control that has findings but no result.
        var controls = result.Assessment.Results.Select(r => r.Control)
            .Concat(result.Assessment.Findings.Select(f => f.Control))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => ControlCatalog.All.ToList().FindIndex(c => c.Id == id) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(id => id, StringComparer.Ordinal);
        return controls.Select(id =>
        {
            var findings = result.Assessment.Findings.Where(f => f.Control == id).ToList();
            var outcome = findings.Any(f => !f.Waived) ? CaseOutcome.Failed : findings.Count > 0 ? CaseOutcome.Waived : CaseOutcome.Passed;
            return new ControlCase(id, ControlCatalog.Find(id)?.Title, findings, outcome);
        }).ToList();
    }

    private static void WriteCounts(XmlWriter xml, IReadOnlyList<ControlCase> cases)
    {
        xml.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", cases.Count(c => c.Outcome == CaseOutcome.Failed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", cases.Count(c => c.Outcome == CaseOutcome.Waived).ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter xml, AuditReport report, AuditResult result, ControlCase testCase)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", $"{result.Kind} {result.Id}");
        xml.WriteAttributeString("name", testCase.Title is null ? testCase.Control : $"{testCase.Control} {testCase.Title}");
        xml.WriteAttributeString("file", result.File);
        xml.WriteAttributeString("line", result.Start.Line.ToString(CultureInfo.InvariantCulture));
        switch (testCase.Outcome)
        {
            case CaseOutcome.Failed:
                var unwaived = testCase.Findings.Where(f => !f.Waived).ToList();
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", unwaived.OrderByDescending(f => SeverityScale.Rank(f.Severity)).First().Severity);
                xml.WriteAttributeString("message", unwaived[0].Message);
                xml.WriteString(string.Join("\n", unwaived.Select(f => $"{f.Severity}: {f.Message}\nfix: {f.Remediation}\nsource: {result.File}:{result.Locate(f).Line}")));
                xml.WriteEndElement();
                break;
            case CaseOutcome.Waived:
                var waived = testCase.Findings[0];
                var exception = report.WaiverOf(result, waived.WaivedBy);
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", exception is null
                    ? $"waived by GuardException {waived.WaivedBy}"
                    : $"waived by GuardException {waived.WaivedBy} until {exception.Spec.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}: {exception.Spec.Justification}");
                xml.WriteEndElement();
                break;
        }
        xml.WriteEndElement();
    }

    private enum CaseOutcome
    {
        Passed,
        Failed,
        Waived,
    }

    private sealed record ControlCase(string Control, string? Title, IReadOnlyList<AiGuard.Api.ModelDeployments.Finding> Findings, CaseOutcome Outcome);
}
