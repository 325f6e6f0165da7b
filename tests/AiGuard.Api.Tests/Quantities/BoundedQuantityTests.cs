using AiGuard.Api.Quantities;
using CsCheck;
using k8s.Models;

namespace AiGuard.Api.Tests.Quantities;

public sealed class BoundedQuantityTests
{
    [Theory]
    [InlineData("1", "1000m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1Ki", "1024")]
    [InlineData("2e3", "2k")]
    [InlineData("2E3", "2000")]
    [InlineData("0.5", "500m")]
    [InlineData(".5", "500m")]
    [InlineData("5.", "5")]
    [InlineData("+3", "3")]
    [InlineData("0", "-0")]
    [InlineData("0", "0Gi")]
    [InlineData("1e-3", "1m")]
    [InlineData("1Ei", "1152921504606846976")]
    [InlineData("007", "7")]
    public void Canonical_forms_of_one_value_are_equal(string a, string b) => Assert.True(BoundedQuantity.SameValue(a, b));

    [Theory]
    [InlineData("1", "2")]
    [InlineData("1Gi", "1G")]
    [InlineData("-1", "1")]
    [InlineData("1m", "1u")]
    public void Different_values_are_not_equal(string a, string b) => Assert.False(BoundedQuantity.SameValue(a, b));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1..2")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1e1.5")]
    [InlineData("1Xi")]
    [InlineData("1 Gi")]
    [InlineData("1KiB")]
    [InlineData("0x10")]
    public void Text_that_is_not_a_quantity_is_refused_with_an_example(string text)
    {
        Assert.False(BoundedQuantity.TryParse(text, out _, out var error));
        Assert.Contains(text.Length == 0 ? "empty" : "500m", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e999999999")]
    [InlineData("1e2000000000")]
    [InlineData("1e-999999999")]
    [InlineData("1e100")]
    [InlineData("1e-100")]
    public void Values_no_resource_can_mean_are_refused_as_out_of_range(string text)
    {
        Assert.False(BoundedQuantity.TryParse(text, out _, out var error));
        Assert.Contains("out of range", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quantity_longer_than_any_real_one_is_refused_before_it_is_read()
    {
        Assert.True(BoundedQuantity.TryParse(new string('9', BoundedQuantity.MaxLength), out _, out _));
        foreach (var text in new[] { new string('9', BoundedQuantity.MaxLength + 1), "1" + new string('0', 100_000) })
        {
            Assert.False(BoundedQuantity.TryParse(text, out _, out var error));
            Assert.Contains("at most 64 characters", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Accepts_exactly_what_the_CRD_pattern_and_length_accept()
    {
        // The CRDs publish BoundedQuantity.Pattern and MaxLength, and the operator and audit read with TryParse:
        // they must agree, or the API server would store what the operator refuses (or the reverse).
        var pattern = new System.Text.RegularExpressions.Regex(BoundedQuantity.Pattern);
        const string alphabet = "0123456789.+-eEkKMGTPinum ";
        var text = Gen.Int[0, alphabet.Length - 1].Select(i => alphabet[i]).Array[0, 8].Select(chars => new string(chars));

        text.Sample(candidate =>
            BoundedQuantity.TryParse(candidate, out _, out _) == (candidate.Length <= BoundedQuantity.MaxLength && pattern.IsMatch(candidate)),
            iter: 50_000);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("100m", true)]
    [InlineData("0", false)]
    [InlineData("-1", false)]
    [InlineData("0.000", false)]
    public void Positive_means_more_than_zero(string text, bool positive)
    {
        Assert.True(BoundedQuantity.TryParse(text, out var quantity, out _));
        Assert.Equal(positive, quantity.IsPositive);
    }

    [Fact]
    public void Agrees_with_KubernetesClient_on_every_value_it_reads_quickly()
    {
        // Differential test against ResourceQuantity on small values, where its big-number arithmetic is cheap.
        var suffixes = new[] { "", "m", "k", "M", "G", "Ki", "Mi", "Gi", "e2", "e-3", "E6" };
        var quantity = Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 3], Gen.Int[0, suffixes.Length - 1].Select(i => suffixes[i]))
            .Select((mantissa, decimals, suffix) => $"{mantissa / Math.Pow(10, decimals):0.###}{suffix}");

        Gen.Select(quantity, quantity).Sample((a, b) =>
            BoundedQuantity.SameValue(a, b) == (new ResourceQuantity(a).ToDecimal() == new ResourceQuantity(b).ToDecimal()),
            iter: 20_000);
    }
}
