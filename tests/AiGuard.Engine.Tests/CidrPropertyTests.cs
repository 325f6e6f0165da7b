using System.Net;
using AiGuard.Engine.Networking;
using CsCheck;

namespace AiGuard.Engine.Tests;

public sealed class CidrPropertyTests
{
    // Bases near the edges of the private and link-local ranges, so that generated blocks straddle them.
    private static readonly uint[] Anchors =
    [
        Address("10.0.0.0"), Address("9.255.255.0"), Address("10.255.255.0"), Address("172.15.255.0"), Address("172.31.255.0"),
        Address("172.32.0.0"), Address("192.167.255.0"), Address("192.168.255.0"), Address("100.63.255.0"), Address("100.127.255.0"),
        Address("169.253.255.0"), Address("169.254.169.0"), Address("169.255.0.0"), Address("8.8.8.0"),
    ];

    // Offsets on a coarse grid with edge jitter, so that blocks often share or just miss a boundary address.
    private static readonly Gen<int> Offset =
        Gen.Select(Gen.Int[-8, 8], Gen.OneOf(Gen.Const(0), Gen.Const(63), Gen.Const(64), Gen.Int[0, 127]), (step, jitter) => (step * 128) + jitter);

    private static Gen<Cidr> BlockNear(uint anchor) =>
        Gen.Select(Offset, Gen.Int[22, 32], (offset, prefix) => Cidr.Parse($"{FromInteger((uint)(anchor + offset))}/{prefix}"));

    // Small IPv4 blocks (at most 1024 addresses) near one anchor, so that containment and overlap both occur.
    private static readonly Gen<Cidr> SmallBlock = Gen.Int[0, Anchors.Length - 1].SelectMany(i => BlockNear(Anchors[i]));

    private static readonly Gen<(Cidr, Cidr)> NearbyPair = Gen.Int[0, Anchors.Length - 1].SelectMany(i => Gen.Select(BlockNear(Anchors[i]), BlockNear(Anchors[i])));

    [Fact]
    public void Containment_and_overlap_agree_with_enumerated_addresses()
    {
        NearbyPair.Sample((a, b) =>
        {
            var left = Enumerate(a).ToHashSet();
            var right = Enumerate(b).ToHashSet();

            Assert.Equal(right.IsSubsetOf(left), a.Contains(b));
            Assert.Equal(left.Overlaps(right), a.Overlaps(b));
            Assert.Equal(a.Overlaps(b), b.Overlaps(a));
            Assert.True(a.Contains(a));
            Assert.True(!a.Contains(b) || a.Overlaps(b));
            Assert.True(!(a.Contains(b) && b.Contains(a)) || a == b);
        }, iter: 3000);
    }

    [Fact]
    public void Address_containment_agrees_with_the_range_bounds()
    {
        Gen.Select(SmallBlock, Gen.Int[-1100, 1100]).Sample((block, offset) =>
        {
            var probe = FromInteger((uint)(ToInteger(block.Network) + offset));
            var inside = Enumerate(block).Contains(ToInteger(probe));

            Assert.Equal(inside, block.Contains(probe));
            Assert.Equal(inside, block.Contains(Cidr.FromAddress(probe)));
        });
    }

    [Fact]
    public void Public_reach_and_link_local_overlap_agree_with_enumerated_addresses()
    {
        SmallBlock.Sample(block =>
        {
            var addresses = Enumerate(block).Select(FromInteger).ToList();

            Assert.Equal(addresses.Any(a => !AddressRanges.Private.Any(p => p.Contains(a))), AddressRanges.ReachesPublic(block));
            Assert.Equal(addresses.Any(a => AddressRanges.LinkLocal.Any(l => l.Contains(a))), AddressRanges.TouchesLinkLocal(block));
        });
    }

    [Fact]
    public void Canonical_text_parses_back_to_the_same_range_for_both_families()
    {
        var v4 = Gen.Select(Gen.UInt, Gen.Int[0, 32], (address, prefix) => $"{FromInteger(address)}/{prefix}");
        var v6 = Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 128], (bytes, prefix) => $"{new IPAddress(bytes)}/{prefix}");

        Gen.OneOf(v4, v6).Sample(text =>
        {
            var cidr = Cidr.Parse(text);

            Assert.Equal(cidr, Cidr.Parse(cidr.ToString()));
            Assert.True(cidr.Contains(Cidr.FromAddress(IPAddress.Parse(text[..text.IndexOf('/')]))));
            Assert.Equal(cidr.PrefixLength == 0, cidr.ContainsEveryAddress);
        });
    }

    [Fact]
    public void Nested_prefixes_of_one_address_contain_each_other()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 128], Gen.Int[0, 128]).Sample((bytes, p1, p2) =>
        {
            var address = new IPAddress(bytes);
            var wide = Cidr.Parse($"{address}/{Math.Min(p1, p2)}");
            var narrow = Cidr.Parse($"{address}/{Math.Max(p1, p2)}");

            Assert.True(wide.Contains(narrow));
            Assert.True(narrow.Overlaps(wide));
            Assert.Equal(p1 == p2, narrow.Contains(wide));
        });
    }

    [Fact]
    public void Arbitrary_strings_never_throw_anything_but_a_format_error()
    {
        var noise = Gen.Char["0123456789abcdef:./%x- "].Array[0, 45].Select(c => new string(c));

        Gen.OneOf(noise, Gen.String).Sample(text =>
        {
            if (!Cidr.TryParse(text, out _, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error));
                Assert.Throws<FormatException>(() => Cidr.Parse(text));
            }
        });
    }

    private static IEnumerable<uint> Enumerate(Cidr block)
    {
        var first = ToInteger(block.Network);
        var last = ToInteger(block.LastAddress);
        for (var a = (ulong)first; a <= last; a++)
        {
            yield return (uint)a;
        }
    }

    private static uint Address(string text) => ToInteger(IPAddress.Parse(text));

    private static uint ToInteger(IPAddress address) => address.GetAddressBytes().Aggregate(0u, (acc, b) => (acc << 8) | b);

    private static IPAddress FromInteger(uint value) => new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
