using System.Text.Json.Nodes;
using AiGuard.Schema;

namespace AiGuard.Sandbox.Tests.Schema;

public sealed class Re2PatternTests
{
    [Theory]
    [InlineData("^[a-z]+$", "db", true)] // ordinary match
    [InlineData("^[a-z]+$", "db\n", false)] // RE2's $ is the end of the text, not before a final newline
    [InlineData("^a[$]$", "a$", true)] // a $ inside a class is a literal
    [InlineData(@"^a\$$", "a$", true)] // an escaped $ is a literal
    [InlineData("^[]$]+$", "]$", true)] // a ] first in a class is a literal, so the class still holds the $
    [InlineData("^[^]$]+$", "ab", true)] // the same after a negation
    [InlineData("(?m)^a$", "a\nb", true)] // in multi-line mode both engines read $ as end of line
    [InlineData("^(a|b)$", "b\n", false)] // a $ after a group
    [InlineData("ab", "xaby", true)] // unanchored: a partial match, as matches() and pattern are
    public void Answers_as_re2_does(string pattern, string text, bool matches) =>
        Assert.Equal(matches, Re2Pattern.Compile(pattern).IsMatch(text));

    [Fact]
    public void Rewrites_only_an_end_of_text_dollar()
    {
        Assert.Equal(@"^[$]\$x\z", Re2Pattern.Translate(@"^[$]\$x$"));
        Assert.Equal("(?m)^a$", Re2Pattern.Translate("(?m)^a$"));
    }

    // A backtracking engine needs exponential time for this pair and gave up at its timeout, which skipped the check:
    // the value passed unchecked. RE2, and the engine used now, answer in linear time, and the value is refused.
    [Fact]
    public void A_value_crafted_to_make_a_pattern_backtrack_is_refused_not_skipped()
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""
            {"type":"object","properties":{"name":{"type":"string","pattern":"^(a+)+$"}}}
            """)!.AsObject());

        var errors = schema.Validate(new JsonObject { ["name"] = new string('a', 5_000) + "!" });

        Assert.Contains("should match '^(a+)+$'", Assert.Single(errors).Message, StringComparison.Ordinal);
        Assert.Empty(schema.SkippedRules);
    }

    [Fact]
    public void A_pattern_re2_cannot_hold_either_is_listed_not_thrown()
    {
        var schema = StructuralSchema.Compile(JsonNode.Parse("""
            {"type":"object","properties":{"name":{"type":"string","pattern":"^(a)\\1$"}}}
            """)!.AsObject());

        Assert.Contains(schema.SkippedRules, rule => rule.Rule.Contains(@"(a)\1", StringComparison.Ordinal));
    }
}
