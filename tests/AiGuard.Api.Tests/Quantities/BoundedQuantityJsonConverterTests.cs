using System.Text.Json;
using AiGuard.Api.Quantities;
using k8s;
using k8s.Models;

namespace AiGuard.Api.Tests.Quantities;

public sealed class BoundedQuantityJsonConverterTests
{
    private static V1ResourceRequirements Read(string cpu) =>
        KubernetesJson.Deserialize<V1ResourceRequirements>("{\"limits\":{\"cpu\":" + JsonSerializer.Serialize(cpu) + "}}");

    [Fact]
    public void Is_installed_in_KubernetesJson_before_any_test_reads_an_object() =>
        Assert.True(SafeKubernetesJson.IsInstalled);

    [Theory]
    [InlineData("500m", "500m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1000m", "1")]
    public void Ordinary_quantities_are_ResourceQuantities_written_canonically(string written, string canonical)
    {
        var quantity = Read(written).Limits["cpu"];

        Assert.IsNotType<VerbatimQuantity>(quantity);
        Assert.Equal(canonical, quantity.ToString());
    }

    [Theory]
    [InlineData("1e999999999")]
    [InlineData("1e2000000000")]
    [InlineData("1e99")]
    [InlineData("12345678901234567890123456789012345678901234567890")]
    public async Task A_quantity_beyond_ResourceQuantity_is_read_and_written_back_as_written(string written)
    {
        // ResourceQuantity takes minutes and gigabytes on the first two, and overflows printing the last two.
        // The deadline only bounds a hang.
        var roundTrip = Task.Run(() => KubernetesJson.Serialize(Read(written)));

        var json = await roundTrip.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("{\"limits\":{\"cpu\":" + JsonSerializer.Serialize(written) + "}}", json);
    }

    [Fact]
    public void A_number_token_is_read_as_its_text()
    {
        var requirements = KubernetesJson.Deserialize<V1ResourceRequirements>("{\"limits\":{\"cpu\":2,\"memory\":1e999999999}}");

        Assert.Equal("2", requirements.Limits["cpu"].ToString());
        Assert.Equal("1e999999999", requirements.Limits["memory"].ToString());
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1.2.3")]
    public void Text_that_is_no_quantity_is_refused_with_an_example(string written)
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read(written));

        Assert.Contains("500m", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_verbatim_quantity_equals_only_the_same_text()
    {
        Assert.Equal(new VerbatimQuantity("1e999"), new VerbatimQuantity("1e999"));
        Assert.NotEqual(new VerbatimQuantity("1e999"), new VerbatimQuantity("10e998"));
    }
}
