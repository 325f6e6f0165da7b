namespace AiGuard.Engine.Networking;

/// <summary>
/// AddressRanges names the ranges AIG-NET-02 treats specially: private ranges (anything outside them is public)
/// and link-local ranges, where cloud metadata endpoints such as 169.254.169.254 live.
/// </summary>
public static class AddressRanges
{
    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT) and fc00::/7 (unique local).</summary>
    public static IReadOnlyList<Cidr> Private { get; } =
    [
        Cidr.Parse("10.0.0.0/8"),
        Cidr.Parse("172.16.0.0/12"),
        Cidr.Parse("192.168.0.0/16"),
        Cidr.Parse("100.64.0.0/10"),
        Cidr.Parse("fc00::/7"),
    ];

    /// <summary>169.254/16 and fe80::/10.</summary>
    public static IReadOnlyList<Cidr> LinkLocal { get; } =
    [
        Cidr.Parse("169.254.0.0/16"),
        Cidr.Parse("fe80::/10"),
    ];

    /// <summary>
    /// True when the range holds at least one address outside the private ranges. Checking containment in a single
    /// private range is exact: the private ranges are disjoint and no two of them merge into a larger aligned
    /// block, so a CIDR inside their union is inside one of them.
    /// </summary>
    public static bool ReachesPublic(Cidr range) => !Private.Any(p => p.Contains(range));

    /// <summary>True when the range shares an address with a link-local range.</summary>
    public static bool TouchesLinkLocal(Cidr range) => LinkLocal.Any(l => l.Overlaps(range));
}
