using AiGuard.Engine.Images;

namespace AiGuard.Engine.Tests;

public sealed class ImageVersionTests
{
    [Theory]
    [InlineData("24.08-py3", "24.8")]
    [InlineData("v0.6.4", "0.6.4")]
    [InlineData("2.4", "2.4.0")]
    [InlineData("1.27.3-alpine", "1.27.3")]
    [InlineData("3", "3.0.0")]
    [InlineData("2024.10.01", "2024.10.1")]
    public void Reads_the_leading_numbers_of_a_tag(string tag, string equivalent)
    {
        Assert.Equal(ImageVersion.ParseMinimum(equivalent), ImageVersion.FromTag(tag));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("latest")]
    [InlineData("main-2024")]
    [InlineData("vlatest")]
    [InlineData("V1.2")]
    public void Has_no_version_without_a_leading_number(string? tag)
    {
        Assert.Null(ImageVersion.FromTag(tag));
    }

    [Theory]
    [InlineData("0.6.2", "0.6.4", -1)]
    [InlineData("0.6.10", "0.6.9", 1)]
    [InlineData("2.4", "2.4.0", 0)]
    [InlineData("2.4", "2.4.1", -1)]
    [InlineData("24.08", "24.8", 0)]
    [InlineData("24.07", "24.08", -1)]
    [InlineData("99999999999999999999999.1", "99999999999999999999998.9", 1)]
    [InlineData("10", "9.99", 1)]
    public void Compares_number_by_number_with_missing_parts_as_zero(string left, string right, int expected)
    {
        var a = ImageVersion.ParseMinimum(left)!;
        var b = ImageVersion.ParseMinimum(right)!;

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
        Assert.Equal(expected == 0, a == b);
        if (expected == 0)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Theory]
    [InlineData("0.6.4", true)]
    [InlineData("v0.6.4", true)]
    [InlineData("24.08", true)]
    [InlineData("0.6.4-rc1", false)]
    [InlineData("", false)]
    [InlineData("x", false)]
    public void Minimum_versions_must_be_plain_dotted_numbers(string text, bool valid)
    {
        Assert.Equal(valid, ImageVersion.ParseMinimum(text) is not null);
    }

    [Theory]
    [InlineData("v0.6.2", "0.6.4", "v0.6.4")]
    [InlineData("24.05-py3", "24.08", "24.08-py3")]
    [InlineData("1.2-alpine3.20", "1.2.5", "1.2.5-alpine3.20")]
    [InlineData("latest", "1.0", null)]
    public void Rewrites_a_tag_in_its_own_style(string tag, string minimum, string? expected)
    {
        Assert.Equal(expected, ImageVersion.RewriteTag(tag, ImageVersion.ParseMinimum(minimum)!));
    }
}
