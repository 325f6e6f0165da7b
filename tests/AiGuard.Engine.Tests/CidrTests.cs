using System.Net;
using AiGuard.Engine.Networking;

namespace AiGuard.Engine.Tests;

public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("169.254.169.254/32", "169.254.169.254/32")]
    [InlineData("::/0", "::/0")]
    [InlineData("fd00:1:2::5/48", "fd00:1:2::/48")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void Parses_and_masks_host_bits(string text, string canonical)
    {
        Assert.Equal(canonical, Cidr.Parse(text).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("::/129")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0/8")]
    [InlineData("10/8")]
    [InlineData("010.0.0.0/8")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("0x0a.0.0.0/8")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("[::1]/128")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("gggg::/16")]
    public void Rejects_malformed_cidrs_with_a_message(string? text)
    {
        Assert.False(Cidr.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => Cidr.Parse(text!));
    }

    [Fact]
    public void Containment_and_overlap_follow_the_ranges()
    {
        var ten = Cidr.Parse("10.0.0.0/8");

        Assert.True(ten.Contains(Cidr.Parse("10.20.0.0/16")));
        Assert.True(ten.Contains(ten));
        Assert.False(Cidr.Parse("10.20.0.0/16").Contains(ten));
        Assert.True(Cidr.Parse("10.20.0.0/16").Overlaps(ten));
        Assert.False(ten.Overlaps(Cidr.Parse("11.0.0.0/8")));
        Assert.True(ten.Contains(IPAddress.Parse("10.255.255.255")));
        Assert.False(ten.Contains(IPAddress.Parse("11.0.0.0")));
    }

    [Fact]
    public void Address_families_never_contain_or_overlap_each_other()
    {
        var allV4 = Cidr.Parse("0.0.0.0/0");
        var allV6 = Cidr.Parse("::/0");

        Assert.False(allV4.Contains(Cidr.Parse("::1/128")));
        Assert.False(allV6.Overlaps(allV4));
        Assert.True(allV6.Contains(Cidr.Parse("::ffff:10.0.0.1/128")));
    }

    [Fact]
    public void Every_address_blocks_are_recognized()
    {
        Assert.True(Cidr.Parse("0.0.0.0/0").ContainsEveryAddress);
        Assert.True(Cidr.Parse("::/0").ContainsEveryAddress);
        Assert.False(Cidr.Parse("0.0.0.0/1").ContainsEveryAddress);
    }

    [Theory]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("172.16.0.0/12", false)]
    [InlineData("172.31.255.0/24", false)]
    [InlineData("192.168.10.0/24", false)]
    [InlineData("100.64.0.0/10", false)]
    [InlineData("fc00::/7", false)]
    [InlineData("fd12:3456::/32", false)]
    [InlineData("172.32.0.0/16", true)]
    [InlineData("8.8.8.8/32", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("::/0", true)]
    [InlineData("10.0.0.0/7", true)]
    [InlineData("169.254.169.254/32", true)]
    [InlineData("127.0.0.1/32", true)]
    [InlineData("2001:db8::/32", true)]
    public void Public_reach_is_anything_outside_the_private_ranges(string cidr, bool reachesPublic)
    {
        Assert.Equal(reachesPublic, AddressRanges.ReachesPublic(Cidr.Parse(cidr)));
    }

    [Theory]
    [InlineData("169.254.169.254/32", true)]
    [InlineData("169.0.0.0/8", true)]
    [InlineData("fe80::/64", true)]
    [InlineData("fe80::/9", true)]
    [InlineData("::/0", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("169.255.0.0/16", false)]
    [InlineData("fec0::/10", false)]
    public void Link_local_overlap_catches_metadata_endpoints(string cidr, bool touches)
    {
        Assert.Equal(touches, AddressRanges.TouchesLinkLocal(Cidr.Parse(cidr)));
    }
}
