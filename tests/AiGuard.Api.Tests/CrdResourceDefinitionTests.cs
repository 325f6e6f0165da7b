using System.Text.RegularExpressions;
using AiGuard.Api.Tests.Support;
using k8s.Models;

namespace AiGuard.Api.Tests;

/// <summary>Names, scope, versions, subresources and printer columns of the three CRDs (api.md).</summary>
public sealed class CrdResourceDefinitionTests
{
    [Theory]
    [InlineData("ModelDeployment", "modeldeployments", "Namespaced", new[] { "md", "mdep" })]
    [InlineData("GuardPolicy", "guardpolicies", "Cluster", new[] { "gp" })]
    [InlineData("GuardException", "guardexceptions", "Namespaced", new[] { "gx" })]
    public void Names_and_scope_follow_api_md(string kind, string plural, string scope, string[] shortNames)
    {
        var crd = GeneratedCrds.ForKind(kind);

        Assert.Equal($"{plural}.aiguard.io", crd.Metadata.Name);
        Assert.Equal("aiguard.io", crd.Spec.Group);
        Assert.Equal(scope, crd.Spec.Scope);
        Assert.Equal(plural, crd.Spec.Names.Plural);
        Assert.Equal(kind.ToLowerInvariant(), crd.Spec.Names.Singular);
        Assert.Equal(kind + "List", crd.Spec.Names.ListKind);
        Assert.Equal(shortNames, crd.Spec.Names.ShortNames);
        Assert.Equal(["aiguard"], crd.Spec.Names.Categories);
    }

    [Theory]
    [InlineData("ModelDeployment")]
    [InlineData("GuardPolicy")]
    [InlineData("GuardException")]
    public void Serves_and_stores_v1alpha1_with_a_status_subresource(string kind)
    {
        var version = Assert.Single(GeneratedCrds.ForKind(kind).Spec.Versions);

        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        Assert.NotNull(version.Subresources?.Status);
        Assert.Null(version.Subresources.Scale);
        Assert.Equal("object", version.Schema.OpenAPIV3Schema.At("status").Type);
    }

    [Fact]
    public void ModelDeployment_prints_phase_score_enforcement_ready_image_and_age()
    {
        var columns = Columns("ModelDeployment");

        Assert.Equal(
            [
                ("Phase", "string", ".status.phase", 0),
                ("Score", "integer", ".status.complianceScore", 0),
                ("Enforcement", "string", ".status.enforcement", 0),
                ("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", 0),
                ("Image", "string", ".status.image.effective", 1),
                ("Age", "date", ".metadata.creationTimestamp", 0),
            ],
            columns);
    }

    [Fact]
    public void GuardPolicy_prints_enforcement_block_threshold_matches_and_age()
    {
        Assert.Equal(
            [
                ("Enforcement", "string", ".spec.enforcement", 0),
                ("BlockAt", "string", ".spec.blockAt", 0),
                ("Matched", "integer", ".status.matchedModelDeployments", 0),
                ("Age", "date", ".metadata.creationTimestamp", 0),
            ],
            Columns("GuardPolicy"));
    }

    [Fact]
    public void GuardException_prints_controls_expiry_activity_and_age()
    {
        var columns = Columns("GuardException");

        Assert.Equal(["Controls", "Expires", "Active", "Approved-By", "Age"], columns.Select(c => c.Name));
        Assert.Contains(("Expires", "string", ".spec.expiresAt", 0), columns);
        Assert.Contains(("Active", "boolean", ".status.active", 0), columns);
    }

    [Fact]
    public void Printer_columns_point_at_fields_of_the_schema_with_a_matching_type()
    {
        foreach (var crd in GeneratedCrds.All)
        {
            foreach (var column in crd.Spec.Versions[0].AdditionalPrinterColumns.Where(c => !c.JsonPath.StartsWith(".metadata", StringComparison.Ordinal)))
            {
                // A filter such as [?(@.type=="Ready")] selects list items: walk it as [].
                var node = crd.At(Regex.Replace(column.JsonPath.TrimStart('.'), @"\[\?\(.*?\)\]", "[]"));
                var expected = node.Type == "array" ? "string" : node.Type;
                Assert.True(expected == column.Type || (column.Type == "string" && node.Format == "date-time"),
                    $"{crd.Spec.Names.Kind} column {column.Name}: {column.Type} vs schema {node.Type}");
            }
        }
    }

    private static List<(string Name, string Type, string JsonPath, int Priority)> Columns(string kind) =>
        GeneratedCrds.ForKind(kind).Spec.Versions[0].AdditionalPrinterColumns
            .Select(c => (c.Name, c.Type, c.JsonPath, c.Priority ?? 0))
            .ToList();
}
