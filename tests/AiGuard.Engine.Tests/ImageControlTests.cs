using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

public sealed class ImageControlTests
{
    [Theory]
    [InlineData("ghcr.io/acme/triton:1")]
    [InlineData("ghcr.io/acme:1")]
    [InlineData("ghcr.io/acme/team/triton:1")]
    public void Image_under_an_allowed_registry_prefix_passes(string image)
    {
        Scenario.Evaluate(Scenario.Model().Image(image), Scenario.Policy("images").AllowedRegistries("ghcr.io/acme", "nvcr.io/nvidia"))
            .AssertPasses(ControlIds.ImageRegistry);
    }

    [Theory]
    [InlineData("ghcr.io/acmeevil/triton:1")]
    [InlineData("ghcr.io/acme-evil:1")]
    [InlineData("evil.io/ghcr.io/acme/x:1")]
    [InlineData("triton:1")]
    public void Image_outside_the_allowed_registries_fails_on_a_path_boundary(string image)
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().Image(image), Scenario.Policy("images").AllowedRegistries("ghcr.io/acme"))
            .AssertFails(ControlIds.ImageRegistry));

        Assert.Equal("images", finding.Policy);
    }

    [Fact]
    public void Docker_hub_short_names_are_matched_in_normalized_form()
    {
        var policy = Scenario.Policy("hub").AllowedRegistries("docker.io/vllm");

        Scenario.Evaluate(Scenario.Model().Image("vllm/vllm-openai:v0.6.4"), policy).AssertPasses(ControlIds.ImageRegistry);
        Scenario.Evaluate(Scenario.Model().Image("nginx:1.27"), policy).AssertFails(ControlIds.ImageRegistry);
        Scenario.Evaluate(Scenario.Model().Image("nginx:1.27"), Scenario.Policy("library").AllowedRegistries("docker.io/library")).AssertPasses(ControlIds.ImageRegistry);
    }

    [Fact]
    public void Registry_control_passes_when_no_policy_restricts_registries()
    {
        Scenario.Evaluate(Scenario.Model().Image("quay.io/anything/at-all:3")).AssertPasses(ControlIds.ImageRegistry);
    }

    [Theory]
    [InlineData("ghcr.io/acme/triton:24.08-py3")]
    [InlineData("ghcr.io/acme/triton@" + Digest)]
    [InlineData("ghcr.io/acme/triton:latest@" + Digest)]
    public void Image_with_a_version_tag_or_a_digest_is_pinned(string image)
    {
        Scenario.Evaluate(Scenario.Model().Image(image)).AssertPasses(ControlIds.ImagePinned);
    }

    [Theory]
    [InlineData("ghcr.io/acme/triton")]
    [InlineData("ghcr.io/acme/triton:latest")]
    public void Image_without_digest_and_with_no_or_latest_tag_is_not_pinned(string image)
    {
        Assert.Null(Assert.Single(Scenario.Evaluate(Scenario.Model().Image(image)).AssertFails(ControlIds.ImagePinned)).Policy);
    }

    [Fact]
    public void Policy_requiring_a_digest_fails_a_tag_only_image()
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().Image("ghcr.io/acme/triton:24.08-py3"), Scenario.Policy("digests").RequireDigest())
            .AssertFails(ControlIds.ImagePinned));

        Assert.Equal("digests", finding.Policy);
    }

    [Fact]
    public void Image_at_the_minimum_version_passes()
    {
        Scenario.Evaluate(Scenario.Model().Image("vllm/vllm-openai:v0.6.4"), Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4"))
            .AssertPasses(ControlIds.ImagePatchLevel);
    }

    [Fact]
    public void Image_below_the_minimum_version_fails_with_the_advisory()
    {
        var finding = Assert.Single(Scenario.Evaluate(
                Scenario.Model().Image("vllm/vllm-openai:v0.6.2"),
                Scenario.Policy("baseline").MinimumVersion("docker.io/vllm/vllm-openai", "0.6.4", advisories: "CVE-2024-8939"))
            .AssertFails(ControlIds.ImagePatchLevel));

        Assert.Equal("image vllm/vllm-openai:v0.6.2 is below the minimum patched version 0.6.4 (CVE-2024-8939)", finding.Message);
        Assert.Equal("set spec.serving.image to a version >= 0.6.4 or set spec.updates.patch to Auto", finding.Remediation);
        Assert.Equal("baseline", finding.Policy);
        Assert.Equal("critical", finding.Severity);
    }

    [Theory]
    [InlineData("nvcr.io/nvidia/tritonserver:24.08-py3", true)]
    [InlineData("nvcr.io/nvidia/tritonserver:24.10-py3", true)]
    [InlineData("nvcr.io/nvidia/tritonserver:24.07-py3", false)]
    [InlineData("nvcr.io/nvidia/tritonserver:23.12-py3", false)]
    public void Calendar_version_tags_compare_by_their_numbers(string image, bool passes)
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Image(image), Scenario.Policy("cve").MinimumVersion("nvcr.io/nvidia/tritonserver", "24.08"));

        if (passes)
        {
            assessment.AssertPasses(ControlIds.ImagePatchLevel);
        }
        else
        {
            assessment.AssertFails(ControlIds.ImagePatchLevel);
        }
    }

    [Theory]
    [InlineData("vllm/vllm-openai@" + Digest, "no tag")]
    [InlineData("vllm/vllm-openai:latest", "tag latest without a leading version number")]
    [InlineData("vllm/vllm-openai", "no tag")]
    public void Image_whose_version_cannot_be_read_fails_when_a_minimum_applies(string image, string why)
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().Image(image), Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4"))
            .AssertFails(ControlIds.ImagePatchLevel));

        Assert.Contains(why, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimum_versions_of_other_repositories_do_not_apply()
    {
        Scenario.Evaluate(Scenario.Model().Image("ghcr.io/acme/vllm-openai@" + Digest), Scenario.Policy("cve").MinimumVersion("vllm/vllm-openai", "0.6.4"))
            .AssertPasses(ControlIds.ImagePatchLevel);
    }
}
