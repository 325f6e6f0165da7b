using System.Text.RegularExpressions;

namespace AiGuard.Engine.Images;

/// <summary>
/// ImageVersion is the version read from an image tag: a leading <c>v</c> is dropped and the leading dot-separated
/// numbers are taken (<c>24.08-py3</c> is 24.8, <c>v0.6.4</c> is 0.6.4). Versions compare number by number with
/// missing parts as 0, so 2.4 equals 2.4.0. Numbers of any length compare correctly (no overflow).
/// </summary>
public sealed partial class ImageVersion : IComparable<ImageVersion>, IEquatable<ImageVersion>
{
    private readonly string[] parts;

    private ImageVersion(string[] parts, string text)
    {
        this.parts = parts;
        Text = text;
    }

    /// <summary>The numbers as written in the tag, without the <c>v</c> prefix (e.g. <c>24.08</c>).</summary>
    public string Text { get; }

    /// <summary>The numeric parts without leading zeros (e.g. 24 and 8).</summary>
    public IReadOnlyList<string> Parts => parts;

    /// <summary>Reads the version from a tag; null when there is no tag or it does not start with a number.</summary>
    public static ImageVersion? FromTag(string? tag)
    {
        if (tag is null)
        {
            return null;
        }

        var match = TagVersionPattern().Match(tag);
        return match.Success ? Create(match.Groups["numbers"].Value) : null;
    }

    /// <summary>Parses a policy's minimum version such as <c>0.6.4</c>, <c>v0.6.4</c> or <c>24.08</c>; null when it is not one.</summary>
    public static ImageVersion? ParseMinimum(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var match = ExactVersionPattern().Match(version);
        return match.Success ? Create(match.Groups["numbers"].Value) : null;
    }

    /// <summary>
    /// Rewrites <paramref name="tag"/> to carry <paramref name="version"/> in the tag's own style: a <c>v</c> prefix
    /// and any suffix are kept (<c>v0.6.2</c> becomes <c>v0.6.4</c>, <c>24.05-py3</c> becomes <c>24.08-py3</c>).
    /// Returns null when the tag carries no version to replace.
    /// </summary>
    public static string? RewriteTag(string? tag, ImageVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (tag is null)
        {
            return null;
        }

        var match = TagVersionPattern().Match(tag);
        if (!match.Success)
        {
            return null;
        }

        var numbers = match.Groups["numbers"];
        return tag[..numbers.Index] + version.Text + tag[(numbers.Index + numbers.Length)..];
    }

    public int CompareTo(ImageVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var count = Math.Max(parts.Length, other.parts.Length);
        for (var i = 0; i < count; i++)
        {
            var left = i < parts.Length ? parts[i] : "0";
            var right = i < other.parts.Length ? other.parts[i] : "0";
            var byLength = left.Length.CompareTo(right.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            var byDigits = string.CompareOrdinal(left, right);
            if (byDigits != 0)
            {
                return Math.Sign(byDigits);
            }
        }

        return 0;
    }

    public bool Equals(ImageVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ImageVersion other && Equals(other);

    public override int GetHashCode()
    {
        // Trailing zero parts do not change the value (2.4 == 2.4.0), so they must not change the hash.
        var hash = new HashCode();
        var significant = parts.Length;
        while (significant > 0 && parts[significant - 1] == "0")
        {
            significant--;
        }

        for (var i = 0; i < significant; i++)
        {
            hash.Add(parts[i], StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator <(ImageVersion left, ImageVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ImageVersion left, ImageVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ImageVersion left, ImageVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ImageVersion left, ImageVersion right) => left.CompareTo(right) >= 0;

    public static bool operator ==(ImageVersion? left, ImageVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ImageVersion? left, ImageVersion? right) => !(left == right);

    private static ImageVersion Create(string numbers)
    {
        var split = numbers.Split('.');
        for (var i = 0; i < split.Length; i++)
        {
            var trimmed = split[i].TrimStart('0');
            split[i] = trimmed.Length == 0 ? "0" : trimmed;
        }

        return new ImageVersion(split, numbers);
    }

    [GeneratedRegex("^v?(?<numbers>[0-9]+(?:\\.[0-9]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex TagVersionPattern();

    [GeneratedRegex("^v?(?<numbers>[0-9]+(?:\\.[0-9]+)*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExactVersionPattern();
}
