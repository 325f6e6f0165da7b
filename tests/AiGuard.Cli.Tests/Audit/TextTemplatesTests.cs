using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>A text kept as what differs from its control's first text reads back exactly, whatever it holds.</summary>
public sealed class TextTemplatesTests
{
    [Theory]
    [InlineData("model s3://bucket/model-1/model.tar is not pinned")]
    [InlineData("model s3://bucket/model-1234567/model.tar is not pinned")]
    [InlineData("model s3://bucket/model-0/model.tar is not pinned")]
    [InlineData("model")]
    [InlineData("")]
    [InlineData("pinned")]
    [InlineData("entirely different wording 🚀 with ünïcødé")]
    [InlineData("model s3://bucket/🚀/model.tar is not pinned")]
    [InlineData("model s3://bucket/\uD83D/model.tar is not pinned \uDE80")]
    public void A_text_reads_back_exactly_against_the_template_of_its_key(string text)
    {
        var templates = new TextTemplates();
        templates.Compact("AIG-MOD-01", "model s3://bucket/model-0/model.tar is not pinned");
        templates.Compact("AIG-NET-01", "model s3://bucket/model-9/model.tar is not pinned");

        var compact = templates.Compact("AIG-MOD-01", text);

        Assert.Equal(text, compact.ToString());
        Assert.True(compact.Middle.Length <= text.Length);
    }

    [Fact]
    public void Texts_of_one_control_share_its_first_text_and_keep_only_what_differs()
    {
        var templates = new TextTemplates();
        var first = templates.Compact("AIG-MOD-01", "model s3://bucket/model-0/model.tar is not pinned");

        var later = templates.Compact("AIG-MOD-01", "model s3://bucket/model-42/model.tar is not pinned");

        Assert.Same(first.Template, later.Template);
        Assert.Equal("42", later.Middle);
        Assert.Equal("model s3://bucket/model-42/model.tar is not pinned", later.ToString());
    }

    [Fact]
    public void Templates_are_shared_safely_between_threads()
    {
        var templates = new TextTemplates();
        var texts = Enumerable.Range(0, 2000).Select(i => $"image repo/model-{i}:v{i % 7} is below 0.6.{i % 3}").ToArray();

        var compact = new CompactText[texts.Length];
        Parallel.For(0, texts.Length, i => compact[i] = templates.Compact("AIG-IMG-03", texts[i]));

        Assert.Equal(texts, compact.Select(c => c.ToString()));
        Assert.Single(compact.Select(c => c.Template).Distinct(ReferenceEqualityComparer.Instance));
    }
}
