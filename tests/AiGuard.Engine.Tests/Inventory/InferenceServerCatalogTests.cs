using System.Text.RegularExpressions;
using AiGuard.Api.Schema;
using AiGuard.Engine.Images;
using AiGuard.Engine.Inventory;

namespace AiGuard.Engine.Tests.Inventory;

public sealed class InferenceServerCatalogTests
{
    [Fact]
    public void Every_entry_is_a_normalized_repository_the_policy_schema_accepts()
    {
        foreach (var repository in InferenceServerCatalog.Entries.Keys)
        {
            Assert.Equal(repository, ImageReference.NormalizeRepository(repository));
            Assert.Matches(Patterns.ImageRepository, repository);
        }
    }

    [Theory]
    [InlineData("ghcr.io/acme/llm-server")]
    [InlineData("acme/llm")]
    [InlineData("localhost:5000/models")]
    [InlineData("registry.internal:443/a/b__c/d-e")]
    [InlineData("ollama")]
    public void The_policy_schema_accepts_repositories_the_detector_can_use(string repository)
    {
        Assert.Matches(Patterns.ImageRepository, repository);
        Assert.NotNull(ImageReference.NormalizeRepository(repository));
    }

    [Theory]
    [InlineData("nginx:1")]
    [InlineData("ghcr.io/acme/x:1.0")]
    [InlineData("ghcr.io/acme/x@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("ghcr.io/Acme/x")]
    [InlineData("ghcr.io/acme/")]
    [InlineData("ghcr.io//x")]
    [InlineData("")]
    [InlineData("acme/llm\nname: x")]
    public void The_policy_schema_rejects_tags_digests_and_malformed_names(string repository) =>
        Assert.DoesNotMatch(new Regex(Patterns.ImageRepository, RegexOptions.None, TimeSpan.FromSeconds(1)), repository);
}
