using AiGuard.Operator.Hosting;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("team-a.aiguard-operator")]
    [InlineData("a-deployment-name-that-is-seventy-characters-long-and-still-valid-xyz")]
    public void Object_names_kubernetes_accepts_are_subdomains(string name) => Assert.True(KubernetesNames.IsDnsSubdomain(name));

    [Theory]
    [InlineData("")]
    [InlineData("Team_A")]
    [InlineData("-lease")]
    [InlineData("a..b")]
    [InlineData("a/../b")]
    public void Names_kubernetes_refuses_are_not(string name) => Assert.False(KubernetesNames.IsDnsSubdomain(name));

    [Fact]
    public void A_subdomain_has_at_most_253_characters()
    {
        Assert.True(KubernetesNames.IsDnsSubdomain(new string('a', 253)));
        Assert.False(KubernetesNames.IsDnsSubdomain(new string('a', 254)));
    }

    [Fact]
    public void A_label_has_at_most_63_characters()
    {
        Assert.True(KubernetesNames.IsDnsLabel(new string('a', 63)));
        Assert.False(KubernetesNames.IsDnsLabel(new string('a', 64)));
    }
}
