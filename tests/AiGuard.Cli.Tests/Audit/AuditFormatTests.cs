using System.Text.Json;
using System.Xml.Linq;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>Each --format renders the same verdict in its own contract.</summary>
public sealed class AuditFormatTests
{
    // One waived high (AIG-NET-01), one critical from a policy (AIG-IMG-03), one compliant model, one skipped Service.
    private static readonly string Inputs = Manifests.Documents(
        Manifests.Namespace("ml-prod", "{tier: prod}"),
        Manifests.ProdPolicy,
        Manifests.OpenIngress("open"),
        Manifests.Exception("wait-for-fix", "ml-prod", "open", "AIG-NET-01", "2030-01-01T00:00:00Z"),
        Manifests.Compliant("clean", "ml-dev"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}");

    private static CliOutcome Audit(string format) => AuditCli.Pipe(Inputs, "-", "--format", format, "--now", "2026-11-25T10:00:00Z");

    private static List<string> Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public void Json_has_exactly_the_documented_shape_and_order()
    {
        var outcome = Audit("json");
        Assert.Equal(1, outcome.ExitCode);
        var root = JsonDocument.Parse(outcome.Stdout).RootElement;

        Assert.Equal(["summary", "results", "ignored"], Keys(root));
        Assert.Empty(root.GetProperty("ignored").EnumerateArray());
        var summary = root.GetProperty("summary");
        Assert.Equal(["resources", "compliant", "nonCompliant", "findings"], Keys(summary));
        Assert.Equal(["critical", "high", "medium", "low"], Keys(summary.GetProperty("findings")));
        Assert.Equal(2, summary.GetProperty("resources").GetInt32());
        Assert.Equal(1, summary.GetProperty("compliant").GetInt32());
        Assert.Equal(1, summary.GetProperty("nonCompliant").GetInt32());
        Assert.Equal(1, summary.GetProperty("findings").GetProperty("critical").GetInt32());
        Assert.Equal(0, summary.GetProperty("findings").GetProperty("high").GetInt32()); // the high one is waived

        var open = root.GetProperty("results")[0];
        Assert.Equal(["kind", "namespace", "name", "source", "enforcement", "phase", "compliant", "score", "findings"], Keys(open));
        Assert.Equal("ModelDeployment", open.GetProperty("kind").GetString());
        Assert.Equal("ml-prod", open.GetProperty("namespace").GetString());
        Assert.Equal("open", open.GetProperty("name").GetString());
        Assert.Equal("<stdin>:21", open.GetProperty("source").GetString());
        Assert.Equal("Enforce", open.GetProperty("enforcement").GetString());
        Assert.Equal("Blocked", open.GetProperty("phase").GetString());
        Assert.False(open.GetProperty("compliant").GetBoolean());
        Assert.InRange(open.GetProperty("score").GetInt32(), 0, 99);

        var findings = open.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal(["control", "severity", "message", "remediation", "policy", "waived", "waivedBy"], Keys(f)));
        var critical = findings.Single(f => f.GetProperty("control").GetString() == "AIG-IMG-03");
        Assert.Equal("critical", critical.GetProperty("severity").GetString());
        Assert.Equal("prod-baseline", critical.GetProperty("policy").GetString());
        Assert.False(critical.GetProperty("waived").GetBoolean());
        Assert.Equal(JsonValueKind.Null, critical.GetProperty("waivedBy").ValueKind);
        Assert.Contains(">= 0.6.4", critical.GetProperty("remediation").GetString(), StringComparison.Ordinal);
        var waived = findings.Single(f => f.GetProperty("control").GetString() == "AIG-NET-01");
        Assert.True(waived.GetProperty("waived").GetBoolean());
        Assert.Equal("wait-for-fix", waived.GetProperty("waivedBy").GetString());
        Assert.Equal(JsonValueKind.Null, waived.GetProperty("policy").ValueKind);

        var clean = root.GetProperty("results")[1];
        Assert.True(clean.GetProperty("compliant").GetBoolean());
        Assert.Equal(100, clean.GetProperty("score").GetInt32());
        Assert.Equal("Compliant", clean.GetProperty("phase").GetString());
        Assert.Equal(0, clean.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Sarif_is_2_1_0_with_a_rule_per_control_and_located_results()
    {
        var outcome = Audit("sarif");
        Assert.Equal(1, outcome.ExitCode);
        var root = JsonDocument.Parse(outcome.Stdout).RootElement;

        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("aiguard", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(AiGuard.Engine.Controls.ControlCatalog.All.Select(c => c.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(r.GetProperty("help").GetProperty("text").GetString()));
            Assert.Contains(r.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        });
        Assert.Equal("error", rules.Single(r => r.GetProperty("id").GetString() == "AIG-IMG-03").GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("warning", rules.Single(r => r.GetProperty("id").GetString() == "AIG-SEC-02").GetProperty("defaultConfiguration").GetProperty("level").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        var ingress = results.Single(r => r.GetProperty("ruleId").GetString() == "AIG-NET-01");
        Assert.Equal("error", ingress.GetProperty("level").GetString());
        Assert.Equal(rules.FindIndex(r => r.GetProperty("id").GetString() == "AIG-NET-01"), ingress.GetProperty("ruleIndex").GetInt32());
        var location = ingress.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("stdin", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        // The finding names spec.network.ingress[0], which starts on line 37 of the stream (the model starts on 21).
        Assert.Equal(37, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var suppression = Assert.Single(ingress.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Contains("vendor fix ships next sprint", suppression.GetProperty("justification").GetString(), StringComparison.Ordinal);

        var image = results.Single(r => r.GetProperty("ruleId").GetString() == "AIG-IMG-03");
        Assert.False(image.TryGetProperty("suppressions", out _));
        Assert.Equal(21, image.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Junit_has_a_case_per_evaluated_control_with_failures_and_waivers_as_skips()
    {
        var outcome = Audit("junit");
        Assert.Equal(1, outcome.ExitCode);
        var document = XDocument.Parse(outcome.Stdout);

        var suites = document.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        var suite = Assert.Single(suites.Elements("testsuite"));
        Assert.Equal("<stdin>", suite.Attribute("name")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", suite.Attribute("skipped")!.Value);
        var failed = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.Equal("ModelDeployment ml-prod/open", failed.Attribute("classname")!.Value);
        Assert.StartsWith("AIG-IMG-03", failed.Attribute("name")!.Value, StringComparison.Ordinal);
        Assert.Equal("critical", failed.Element("failure")!.Attribute("type")!.Value);
        var skipped = Assert.Single(cases, c => c.Element("skipped") is not null);
        Assert.StartsWith("AIG-NET-01", skipped.Attribute("name")!.Value, StringComparison.Ordinal);
        Assert.Contains("waived by GuardException wait-for-fix", skipped.Element("skipped")!.Attribute("message")!.Value, StringComparison.Ordinal);
        // Both models are reported; the compliant one only with passing cases.
        Assert.Contains(cases, c => c.Attribute("classname")!.Value == "ModelDeployment ml-dev/clean");
        Assert.DoesNotContain(cases, c => c.Attribute("classname")!.Value == "ModelDeployment ml-dev/clean" && c.HasElements);
    }

    [Fact]
    public void Markdown_has_a_summary_table_and_a_findings_table_per_resource_with_findings()
    {
        var outcome = Audit("markdown");
        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Stdout.ReplaceLineEndings("\n").Split('\n');

        Assert.Equal("## AiGuard audit", lines[0]);
        Assert.Contains("| Resource | Phase | Score | Enforcement | Unwaived findings | Source |", lines);
        Assert.Contains(lines, l => l.StartsWith("| `ml-prod/open` | Blocked |", StringComparison.Ordinal) && l.Contains("1 critical", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| `ml-dev/clean` | Compliant | 100 |", StringComparison.Ordinal));
        Assert.Contains("### ml-prod/open: Blocked", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("### ml-dev/clean", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| ~~high~~ | AIG-NET-01 |", StringComparison.Ordinal) && l.Contains("(waived by `wait-for-fix`)", StringComparison.Ordinal));
        // Every table row has the same number of unescaped cell separators as its header.
        Assert.All(lines.Where(l => l.StartsWith("| critical", StringComparison.Ordinal) || l.StartsWith("| ~~high", StringComparison.Ordinal)),
            l => Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(l, @"(?<!\\)\|")));
    }

    [Fact]
    public void Table_fits_100_columns_and_ends_with_summary_verdict_and_offline_notes()
    {
        var outcome = Audit("table");
        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 100, $"{l.Length} columns: {l}"));
        Assert.Equal("ml-prod/open  Blocked  score " + lines[0].Split("score ")[1].Split(' ')[0] + "  Enforce  <stdin>:21", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  CRITICAL  AIG-IMG-03   image vllm/vllm-openai:v0.6.2 is below", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  HIGH      AIG-NET-01   [waived by wait-for-fix] spec.network.ingress[0]", StringComparison.Ordinal));
        Assert.Contains("ml-dev/clean  Compliant  score 100  Enforce  <stdin>:51", lines);
        Assert.Contains("2 resources: 1 compliant, 1 non-compliant; unwaived findings: 1 critical, 0 high, 0 medium, 0 low.", lines);
        Assert.Contains("Result: FAIL, 1 unwaived finding at or above high.", lines);
        Assert.Contains(lines, l => l.StartsWith("Not evaluated offline: AIG-NET-03 (needs the cluster), AIG-SEC-03 (needs a sealing key)", StringComparison.Ordinal));
        Assert.Equal("Skipped 1 document of other kinds: Service (1).", lines[^1]);
    }

    [Fact]
    public void Output_is_identical_across_runs()
    {
        foreach (var format in new[] { "table", "json", "sarif", "junit", "markdown" })
        {
            Assert.Equal(Audit(format).Stdout, Audit(format).Stdout);
        }
    }
}
