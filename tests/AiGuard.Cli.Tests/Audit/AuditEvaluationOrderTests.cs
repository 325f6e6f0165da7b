using System.Text.Json;
using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// The audit evaluates a ModelDeployment as soon as it is read when nothing after it can still add a policy, an
/// exception or a namespace (<see cref="ContextMarkers"/>), and keeps only its result. Whatever the order, and however
/// a later document spells its kind, every model is judged against every policy, exception and namespace of the run.
/// </summary>
public sealed class AuditEvaluationOrderTests : IDisposable
{
    private const string Now = "2026-06-01T00:00:00Z";
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonElement Results(CliOutcome outcome) => JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("results");

    [Fact]
    public void Models_before_and_after_a_namespace_are_both_judged_by_its_labels()
    {
        var file = _dir.Write("fleet.yaml", Manifests.Documents(
            Manifests.Compliant("before", "ml-prod"),
            Manifests.ProdPolicy,
            Manifests.Namespace("ml-prod", "{tier: prod}"),
            Manifests.Compliant("after", "ml-prod")));

        var outcome = AuditCli.Run(file, "--now", Now, "--format", "json");

        var results = Results(outcome);
        Assert.Equal(["before", "after"], results.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.All(results.EnumerateArray(), r => Assert.Contains(r.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("control").GetString() == "AIG-IMG-03"));
    }

    [Fact]
    public void A_model_read_after_the_last_policy_is_reported_in_input_order_with_its_finding_lines()
    {
        var model = Manifests.OpenIngress("late");
        var file = _dir.Write("fleet.yaml", Manifests.Documents(Manifests.LowTokenPolicy, Manifests.Compliant("early"), model));
        var modelLine = (Manifests.LowTokenPolicy + "\n---\n" + Manifests.Compliant("early") + "\n---\n").Count(c => c == '\n') + 1;

        var outcome = AuditCli.Run(file, "--now", Now, "--format", "sarif");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        var result = Assert.Single(JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        // The finding names spec.network.ingress[0], which starts on the line after "ingress:".
        var ingressLine = modelLine + model.Split('\n').ToList().FindIndex(l => l.Contains("- ports", StringComparison.Ordinal));
        Assert.Equal(ingressLine, region.GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void An_exception_after_the_model_whose_kind_is_spelled_with_an_escape_still_waives_it()
    {
        var exception = Manifests.Exception("later", "ml-prod", "open", "AIG-NET-01", "2026-07-01T00:00:00Z")
            .Replace("kind: GuardException", "kind: \"Guard\\u0045xception\"", StringComparison.Ordinal);
        Assert.DoesNotContain("GuardException", exception, StringComparison.Ordinal);
        var file = _dir.Write("fleet.yaml", Manifests.Documents(Manifests.OpenIngress("open"), exception));

        var outcome = AuditCli.Run(file, "--now", Now, "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var finding = Assert.Single(Results(outcome)[0].GetProperty("findings").EnumerateArray());
        Assert.True(finding.GetProperty("waived").GetBoolean());
    }

    [Fact]
    public void A_namespace_built_from_an_anchor_before_the_model_still_applies_its_labels()
    {
        // The kind of the last item is an alias to text defined before the model: nothing after the model spells it.
        var list = $"""
            apiVersion: v1
            kind: List
            items:
              - apiVersion: example.com/v1
                kind: Note
                metadata: {"{"}name: n{"}"}
                data: &kind Namespace
              - {Manifests.Compliant("anchored", "ml-prod").Replace("\n", "\n    ", StringComparison.Ordinal).TrimEnd()}
              - apiVersion: v1
                kind: *kind
                metadata:
                  name: ml-prod
                  labels: {"{"}tier: prod{"}"}
            """;
        var file = _dir.Write("fleet.yaml", Manifests.Documents(Manifests.ProdPolicy, list));

        var outcome = AuditCli.Run(file, "--now", Now, "--format", "json");

        var result = Assert.Single(Results(outcome).EnumerateArray());
        Assert.Contains(result.GetProperty("findings").EnumerateArray(), f => f.GetProperty("control").GetString() == "AIG-IMG-03");
    }

    [Fact]
    public void A_policy_in_a_later_file_applies_to_models_of_earlier_files()
    {
        _dir.Write("a/models.yaml", Manifests.Documents(Manifests.Compliant("first", "ml-prod")));
        _dir.Write("b/namespaces.yaml", Manifests.Documents(Manifests.Namespace("ml-prod", "{tier: prod}"), Manifests.ProdPolicy));

        var outcome = AuditCli.Run(_dir.Root, "--now", Now, "--format", "json");

        var result = Assert.Single(Results(outcome).EnumerateArray());
        Assert.Contains(result.GetProperty("findings").EnumerateArray(), f => f.GetProperty("control").GetString() == "AIG-IMG-03");
    }

    [Theory]
    [InlineData("kind: ModelDeployment\nspec: {}\n", 0)]
    [InlineData("a: 1\nkind: Namespace\nb: 2\n", 2)]
    [InlineData("a: 1\r\nkind: GuardPolicy\r\n", 3)]
    [InlineData("x: \"\\u0041\"\ny: 1\n", 1)]
    [InlineData("a: 1\n---\nb: 2\n---\nkind: GuardException\n", 5)]
    public void The_last_context_line_is_never_early(string text, int expected)
    {
        Assert.Equal(expected, ContextMarkers.LastLine(text));
    }
}
