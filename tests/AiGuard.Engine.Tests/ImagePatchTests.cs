using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

public sealed class ImagePatchTests
{
    private const string PatchedDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    [Fact]
    public void Manual_patch_mode_keeps_the_requested_image()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Image("vllm/vllm-openai:v0.6.2"), Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4"));

        Assert.Equal("vllm/vllm-openai:v0.6.2", assessment.Image.Requested);
        Assert.Equal("vllm/vllm-openai:v0.6.2", assessment.Image.Effective);
        Assert.Null(assessment.Image.PatchedFrom);
        assessment.AssertFails(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Auto_patch_moves_to_the_policys_patched_image()
    {
        var patched = "vllm/vllm-openai:v0.6.4@" + PatchedDigest;
        var assessment = Scenario.Evaluate(
            Scenario.Model().Image("vllm/vllm-openai:v0.6.2").AutoPatch(),
            Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4", patched));

        Assert.Equal(patched, assessment.Image.Effective);
        Assert.Equal("vllm/vllm-openai:v0.6.2", assessment.Image.PatchedFrom);
        assessment.AssertPasses(ControlIds.ImagePatchLevel);
    }

    [Theory]
    [InlineData("vllm/vllm-openai:v0.6.2", "0.6.4", "vllm/vllm-openai:v0.6.4")]
    [InlineData("nvcr.io/nvidia/tritonserver:24.05-py3", "24.08", "nvcr.io/nvidia/tritonserver:24.08-py3")]
    [InlineData("nvcr.io/nvidia/tritonserver:23.12-py3-sdk", "v24.08", "nvcr.io/nvidia/tritonserver:24.08-py3-sdk")]
    [InlineData("ghcr.io/acme/server:2.4", "2.4.1", "ghcr.io/acme/server:2.4.1")]
    public void Auto_patch_rewrites_the_tag_in_its_own_style_when_no_digest_is_required(string requested, string minimum, string effective)
    {
        var repository = requested[..requested.LastIndexOf(':')];
        var assessment = Scenario.Evaluate(Scenario.Model().Image(requested).AutoPatch(), Scenario.Policy("cve").MinimumVersion(repository, minimum));

        Assert.Equal(effective, assessment.Image.Effective);
        Assert.Equal(requested, assessment.Image.PatchedFrom);
        assessment.AssertPasses(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Auto_patch_of_a_digest_pinned_image_drops_the_old_digest()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().Image("vllm/vllm-openai:v0.6.2@" + Digest).AutoPatch(),
            Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4"));

        Assert.Equal("vllm/vllm-openai:v0.6.4", assessment.Image.Effective);
    }

    [Fact]
    public void Auto_patch_is_impossible_when_a_digest_is_required_and_no_patched_image_is_given()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().Image("vllm/vllm-openai:v0.6.2@" + Digest).AutoPatch(),
            Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4").RequireDigest());

        Assert.Equal(assessment.Image.Requested, assessment.Image.Effective);
        Assert.Null(assessment.Image.PatchedFrom);
        var finding = Assert.Single(assessment.AssertFails(ControlIds.ImagePatchLevel));
        Assert.Contains("automatic patch not possible", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_patch_leaves_an_image_at_or_above_the_minimum_alone()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().Image("vllm/vllm-openai:v0.7.0").AutoPatch(),
            Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4", "vllm/vllm-openai:v0.6.4@" + PatchedDigest));

        Assert.Equal("vllm/vllm-openai:v0.7.0", assessment.Image.Effective);
        Assert.Null(assessment.Image.PatchedFrom);
    }

    [Fact]
    public void Auto_patch_targets_the_highest_of_several_missed_minimums()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().Image("vllm/vllm-openai:v0.6.2").AutoPatch(),
            Scenario.Policy("a").MinimumVersion("vllm/vllm-openai", "0.6.4"),
            Scenario.Policy("b").MinimumVersion("vllm/vllm-openai", "0.7.1"));

        Assert.Equal("vllm/vllm-openai:v0.7.1", assessment.Image.Effective);
        assessment.AssertPasses(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void The_effective_image_is_what_the_other_image_controls_judge()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().Image("ghcr.io/acme/vllm:v0.6.2").AutoPatch(),
            Scenario.Policy("cve").MinimumVersion("ghcr.io/acme/vllm", "0.6.4", "docker.io/vllm/vllm-openai:v0.6.4").AllowedRegistries("ghcr.io/acme"));

        Assert.Equal("docker.io/vllm/vllm-openai:v0.6.4", assessment.Image.Effective);
        assessment.AssertFails(ControlIds.ImageRegistry);
    }
}
