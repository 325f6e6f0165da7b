using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class ModelPinningTests
{
    private const string Hex64 = "abababababababababababababababababababababababababababababababab";
    private const string Hex40 = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Model_with_a_sha256_is_pinned()
    {
        Scenario.Evaluate(Scenario.Model()).AssertPasses(ControlIds.ModelPinned);
    }

    [Theory]
    [InlineData("oci://ghcr.io/acme/models/fraud@sha256:" + Hex64)]
    [InlineData("hf://acme/fraud-scorer@" + Hex40)]
    public void Model_uri_that_pins_its_bytes_needs_no_sha256(string uri)
    {
        Scenario.Evaluate(Scenario.Model().With(s => s.Model = new() { Uri = uri })).AssertPasses(ControlIds.ModelPinned);
    }

    [Theory]
    [InlineData("s3://models/fraud/v3/model.onnx")]
    [InlineData("hf://acme/fraud-scorer")]
    [InlineData("hf://acme/fraud-scorer@main")]
    [InlineData("oci://ghcr.io/acme/models/fraud:v3")]
    [InlineData("https://example.com/model.onnx#sha256:" + Hex64)]
    public void Model_without_sha256_and_unpinned_uri_fails(string uri)
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().With(s => s.Model = new() { Uri = uri })).AssertFails(ControlIds.ModelPinned));

        Assert.Contains("is not pinned", finding.Message, StringComparison.Ordinal);
        Assert.Null(finding.Policy);
    }

    // A final newline is no part of a digest or a commit: such a uri pins nothing, and the spec check refuses it first.
    [Theory]
    [InlineData("oci://ghcr.io/acme/models/fraud@sha256:" + Hex64 + "\n")]
    [InlineData("hf://acme/fraud-scorer@" + Hex40 + "\n")]
    public void A_pinned_looking_uri_with_a_final_newline_is_refused(string uri)
    {
        var assessment = Scenario.Evaluate(Scenario.Model().With(s => s.Model = new() { Uri = uri }));

        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.model.uri");
        Assert.DoesNotContain(assessment.Results, r => r.Control == ControlIds.ModelPinned && r.Passed);
    }

    [Fact]
    public void A_sha256_with_a_final_newline_pins_nothing()
    {
        var model = Scenario.Model().With(s => s.Model = new() { Uri = "s3://models/fraud/v3/model.onnx", Sha256 = Hex64 + "\n" });

        Scenario.Evaluate(model).AssertFails(ControlIds.ModelPinned);
    }

    [Fact]
    public void Model_from_an_allowed_source_passes()
    {
        Scenario.Evaluate(Scenario.Model(), Scenario.Policy("sources").AllowedSources("s3://models/", "hf://acme/")).AssertPasses(ControlIds.ModelPinned);
    }

    [Fact]
    public void Model_from_a_source_the_policy_does_not_allow_fails_and_names_the_policy()
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model(), Scenario.Policy("sources").AllowedSources("s3://approved/", "hf://acme/"))
            .AssertFails(ControlIds.ModelPinned));

        Assert.Equal("sources", finding.Policy);
    }
}
