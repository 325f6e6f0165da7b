using AiGuard.Engine.Images;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null)]
    [InlineData("nginx:1.27", "docker.io", "library/nginx", "1.27")]
    [InlineData("vllm/vllm-openai:v0.6.4", "docker.io", "vllm/vllm-openai", "v0.6.4")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", null)]
    [InlineData("index.docker.io/vllm/vllm-openai", "docker.io", "vllm/vllm-openai", null)]
    [InlineData("ghcr.io/acme/triton:24.08-py3", "ghcr.io", "acme/triton", "24.08-py3")]
    [InlineData("localhost/model-server", "localhost", "model-server", null)]
    [InlineData("localhost:5000/team/model:1", "localhost:5000", "team/model", "1")]
    [InlineData("registry.internal:443/a/b/c:v2", "registry.internal:443", "a/b/c", "v2")]
    [InlineData("Registry.Example.COM/x", "registry.example.com", "x", null)]
    [InlineData("nvcr.io/nvidia/tritonserver:24.08-py3", "nvcr.io", "nvidia/tritonserver", "24.08-py3")]
    public void Normalizes_like_the_container_runtime(string text, string registry, string repository, string? tag)
    {
        var image = ImageReference.Parse(text);

        Assert.Equal(registry, image.Registry);
        Assert.Equal(repository, image.Repository);
        Assert.Equal(tag, image.Tag);
        Assert.Equal($"{registry}/{repository}", image.FullRepository);
        Assert.Equal(text, image.ToString());
    }

    [Fact]
    public void Reads_digests_with_and_without_a_tag()
    {
        var digestOnly = ImageReference.Parse("ghcr.io/acme/triton@" + Digest);
        var both = ImageReference.Parse("ghcr.io/acme/triton:24.08-py3@" + Digest);

        Assert.Null(digestOnly.Tag);
        Assert.Equal(Digest, digestOnly.Digest);
        Assert.Equal("24.08-py3", both.Tag);
        Assert.Equal(Digest, both.Digest);
        Assert.Equal("ghcr.io/acme/triton:24.08-py3@" + Digest, both.Normalized);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("nginx:", "invalid tag")]
    [InlineData("nginx:-bad", "invalid tag")]
    [InlineData("nginx@sha256:abc", "invalid digest")]
    [InlineData("nginx@md5:d41d8cd98f00b204e9800998ecf8427e", "invalid digest")]
    [InlineData("ghcr.io/Acme/triton", "lower case")]
    [InlineData("ghcr.io//triton", "path part")]
    [InlineData("ghcr.io/acme/triton/", "path part")]
    [InlineData("-bad.io/x", "invalid registry")]
    [InlineData("ghcr.io/acme/tri ton", "path part")]
    [InlineData(":1.0", "no repository")]
    [InlineData("nvcr.io/nvidia/tritonserver:24.08-py3\n", "invalid tag")] // a final newline is no part of a tag
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", "invalid digest")]
    [InlineData("nvcr.io/nvidia/tritonserver\n", "path part")]
    public void Rejects_malformed_references_with_a_clear_message(string text, string expected)
    {
        Assert.False(ImageReference.TryParse(text, out var image, out var error));
        Assert.Null(image);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<ImageReferenceException>(() => ImageReference.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Registry_prefix_matches_on_a_path_boundary()
    {
        var image = ImageReference.Parse("ghcr.io/acme/triton:1");

        Assert.True(image.IsUnder("ghcr.io/acme"));
        Assert.True(image.IsUnder("ghcr.io/acme/"));
        Assert.True(image.IsUnder("ghcr.io"));
        Assert.True(image.IsUnder("ghcr.io/acme/triton"));
        Assert.False(image.IsUnder("ghcr.io/ac"));
        Assert.False(ImageReference.Parse("ghcr.io/acmeevil/x").IsUnder("ghcr.io/acme"));
        Assert.True(ImageReference.Parse("ghcr.io/acme").IsUnder("ghcr.io/acme"));
        Assert.False(image.IsUnder(""));
    }

    [Fact]
    public void Docker_hub_prefixes_match_normalized_names()
    {
        Assert.True(ImageReference.Parse("nginx").IsUnder("docker.io/library"));
        Assert.True(ImageReference.Parse("nginx").IsUnder("index.docker.io"));
        Assert.False(ImageReference.Parse("nginx").IsUnder("docker.io/nginx"));
    }

    [Theory]
    [InlineData("vllm/vllm-openai", "docker.io/vllm/vllm-openai")]
    [InlineData("nginx", "docker.io/library/nginx")]
    [InlineData("nvcr.io/nvidia/tritonserver", "nvcr.io/nvidia/tritonserver")]
    [InlineData("nginx:1.2", null)]
    [InlineData("nginx@" + Digest, null)]
    [InlineData("Bad Name", null)]
    public void Normalizes_repository_names_as_policies_write_them(string repository, string? expected)
    {
        Assert.Equal(expected, ImageReference.NormalizeRepository(repository));
    }

    [Fact]
    public void Changing_the_tag_keeps_the_written_name_and_drops_the_digest()
    {
        Assert.Equal("vllm/vllm-openai:v0.6.4", ImageReference.Parse("vllm/vllm-openai:v0.6.2@" + Digest).WithTag("v0.6.4").ToString());
    }
}
