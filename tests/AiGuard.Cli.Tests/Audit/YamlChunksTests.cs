using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Tests.Audit;

public sealed class YamlChunksTests
{
    [Fact]
    public void Parts_start_only_at_column_zero_document_starts_and_count_the_lines_before_them()
    {
        var text = "a: 1\n---\nb: |\n  ---\n----\n---x: 2\n--- c\n---\n";

        var chunks = YamlChunks.Split(text, 1);

        Assert.Equal(["a: 1\n", "---\nb: |\n  ---\n----\n---x: 2\n", "--- c\n", "---\n"], chunks.Select(c => text.Substring(c.Start, c.Length)));
        Assert.Equal([0, 1, 6, 7], chunks.Select(c => c.LineOffset));
    }

    [Theory]
    [InlineData("a: 1\r\n---\r\nb: 2\r\n")]
    [InlineData("a: 1\n---\rb: 2\n---\nc: 3\n")]
    [InlineData("a: 1\u2028---\nb: 2\n---\nc: 3\n")]
    public void Text_with_other_line_breaks_is_one_part(string text)
    {
        var chunk = Assert.Single(YamlChunks.Split(text, 1));

        Assert.Equal(text.Length, chunk.Length);
    }

    [Fact]
    public void Parts_are_at_least_the_target_size_except_the_last()
    {
        var text = string.Concat(Enumerable.Repeat("a: 1\n---\n", 100));

        var chunks = YamlChunks.Split(text, 100);

        Assert.All(chunks.SkipLast(1), c => Assert.True(c.Length >= 100, $"{c.Length}"));
        Assert.Equal(text.Length, chunks.Sum(c => c.Length));
    }
}
