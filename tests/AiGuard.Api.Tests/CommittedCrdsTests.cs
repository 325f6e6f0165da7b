using System.Text.Json.Nodes;
using AiGuard.Api.Crds;
using AiGuard.Api.Tests.Support;
using AiGuard.Testing;
using k8s;
using k8s.Models;

namespace AiGuard.Api.Tests;

/// <summary>The CRDs committed under config/crd/bases are exactly what the generator produces today.</summary>
public sealed class CommittedCrdsTests
{
    private const string Regenerate = "dotnet run --project src/AiGuard.Cli -- crds --output-dir config/crd/bases";

    public static TheoryData<string> Kinds => ["ModelDeployment", "GuardPolicy", "GuardException"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Committed_crd_matches_the_generator(string kind)
    {
        var crd = GeneratedCrds.ForKind(kind);
        var path = RepositoryRoot.Combine("config", "crd", "bases", CrdYaml.FileName(crd));

        Assert.True(File.Exists(path), $"{path} is missing. Regenerate it with: {Regenerate}");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        var generated = CrdYaml.Serialize(crd);
        Assert.True(committed == generated,
            $"{path} differs from the CRD generated from the API types (first difference at line {FirstDifferentLine(committed, generated)}). " +
            $"Regenerate it with: {Regenerate}");
    }

    [Fact]
    public void Bases_hold_only_the_generated_files()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("config", "crd", "bases")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["aiguard.io_guardexceptions.yaml", "aiguard.io_guardpolicies.yaml", "aiguard.io_modeldeployments.yaml"],
            files);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Yaml_reads_back_into_the_same_crd(string kind)
    {
        var crd = GeneratedCrds.ForKind(kind);

        var back = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(CrdYaml.Serialize(crd));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(crd)), JsonNode.Parse(KubernetesJson.Serialize(back))));
    }

    [Fact]
    public void Multi_document_stream_separates_every_crd_with_a_document_marker()
    {
        var yaml = CrdYaml.Serialize(CrdGenerator.GenerateAll());

        var documents = YamlDocuments.Parse(yaml);
        Assert.Equal(["ModelDeployment", "GuardPolicy", "GuardException"], documents.Select(d => (string?)d["spec"]!["names"]!["kind"]));
        Assert.Equal(3, yaml.Split('\n').Count(l => l == "---"));
        Assert.StartsWith("---\napiVersion: apiextensions.k8s.io/v1\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_numbers_are_written_as_integers()
    {
        var yaml = CrdYaml.Serialize(GeneratedCrds.ModelDeployment);

        Assert.Contains("maximum: 65535\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(".0\n", yaml, StringComparison.Ordinal);
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        var i = 0;
        while (i < left.Length && i < right.Length && left[i] == right[i])
        {
            i++;
        }

        return i + 1;
    }
}
