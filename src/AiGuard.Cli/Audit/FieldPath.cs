using System.Globalization;
using System.Text;

namespace AiGuard.Cli.Audit;

/// <summary>
/// FieldPath names a field inside a manifest, e.g. <c>spec.secrets[0].name</c>. It reads the paths that
/// System.Text.Json (<c>$.spec['a.b'][0]</c>) and the engine (<c>spec.secrets[0]</c>) report, so both can be mapped
/// back to a YAML position.
/// </summary>
public sealed class FieldPath : IEquatable<FieldPath>
{
    public static readonly FieldPath Root = new([]);

    // Names containing these characters are written in brackets so that the path stays unambiguous.
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(".[] '\"");

    private FieldPath(IReadOnlyList<PathSegment> segments) => Segments = segments;

    public IReadOnlyList<PathSegment> Segments { get; }

    public FieldPath Property(string name) => new([.. Segments, PathSegment.Property(name)]);

    public FieldPath Item(int index) => new([.. Segments, PathSegment.Item(index)]);

    /// <summary>True when this path is <paramref name="prefix"/> or lies below it.</summary>
    public bool IsWithin(FieldPath prefix) =>
        prefix.Segments.Count <= Segments.Count && Segments.Take(prefix.Segments.Count).SequenceEqual(prefix.Segments);

    /// <summary>Parses a dotted path; unreadable parts end the path (a shorter path still locates the right object).</summary>
    public static FieldPath Parse(string? path)
    {
        var segments = new List<PathSegment>();
        if (string.IsNullOrEmpty(path))
        {
            return Root;
        }
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                continue;
            }
            if (path[i] == '[')
            {
                var quoted = i + 1 < path.Length && path[i + 1] is '\'' or '"';
                var close = quoted ? path.IndexOf(path[i + 1] + "]", i + 2, StringComparison.Ordinal) : path.IndexOf(']', i + 1);
                if (close < 0)
                {
                    break;
                }
                var inner = quoted ? path[(i + 2)..close] : path[(i + 1)..close];
                segments.Add(!quoted && int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    ? PathSegment.Item(index)
                    : PathSegment.Property(inner));
                i = close + (quoted ? 2 : 1);
                continue;
            }
            var end = path.IndexOfAny(['.', '['], i);
            end = end < 0 ? path.Length : end;
            segments.Add(PathSegment.Property(path[i..end]));
            i = end;
        }
        return new FieldPath(segments);
    }

    /// <summary>The Kubernetes style: <c>spec.secrets[0].name</c>, <c>spec.serving.resources.limits[nvidia.com/gpu]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            if (segment.IsIndex)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment.Name!.Length == 0 || segment.Name.AsSpan().IndexOfAny(Special) >= 0)
            {
                text.Append('[').Append(segment.Name).Append(']');
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }
                text.Append(segment.Name);
            }
        }
        return text.ToString();
    }

    public bool Equals(FieldPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
