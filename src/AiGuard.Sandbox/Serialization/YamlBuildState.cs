using System.Text.Json.Nodes;
using AiGuard.Sandbox.Limits;
using YamlDotNet.Core;

namespace AiGuard.Sandbox.Serialization;

/// <summary>
/// The explicit stack <see cref="YamlBody"/> builds nodes on: open collections with their field paths, anchors
/// (open ones may not be referenced: "value contains itself"), each node's weight and height so an alias is
/// refused before its copy would exceed the alias-expansion or depth limit.
/// </summary>
internal sealed class YamlBuildState
{
    private readonly Stack<Frame> open = new();
    private readonly Dictionary<string, Anchored> anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> openAnchors = new(StringComparer.Ordinal);
    private readonly List<string> duplicates = [];
    private long expanded;
    private JsonNode? root;

    public bool HasRoot { get; private set; }

    public DecodedBody Result() => new(root, duplicates);

    public void Open(JsonNode container, AnchorName anchor, long line)
    {
        if (open.Count >= ApiLimits.MaxNestingDepth)
        {
            throw new BodyDecodeException($"yaml: line {line}: exceeded max depth of {ApiLimits.MaxNestingDepth}");
        }

        var path = ChildPath(line, container is JsonObject ? "a mapping" : "a sequence");
        var name = YamlBody.Describe(anchor);
        if (name.Length > 0)
        {
            openAnchors[name] = openAnchors.GetValueOrDefault(name) + 1;
        }

        open.Push(new Frame(container, path, name));
    }

    public void Close()
    {
        var frame = open.Pop();
        if (frame.Anchor.Length > 0)
        {
            openAnchors[frame.Anchor]--;
            anchors[frame.Anchor] = new Anchored(frame.Container, frame.Weight, frame.Height + 1);
        }

        Attach(frame.Container, frame.Weight, frame.Height + 1);
    }

    public void AddScalar(JsonValue? value, string text, AnchorName anchor, long weight)
    {
        var name = YamlBody.Describe(anchor);
        if (name.Length > 0)
        {
            anchors[name] = new Anchored(value, weight, 0);
        }

        if (open.TryPeek(out var frame) && frame.Container is JsonObject && frame.Key is null)
        {
            frame.Key = text;
            frame.Weight += weight;
            return;
        }

        Attach(value, weight, 0);
    }

    public void AddAlias(string name, long line)
    {
        if (openAnchors.GetValueOrDefault(name) > 0)
        {
            throw new BodyDecodeException($"yaml: line {line}: anchor '{name}' value contains itself");
        }

        if (!anchors.TryGetValue(name, out var target))
        {
            throw new BodyDecodeException($"yaml: line {line}: unknown anchor '{name}' referenced");
        }

        expanded += target.Weight;
        if (expanded > ApiLimits.MaxAliasExpansion)
        {
            throw new BodyDecodeException("yaml: document contains excessive aliasing");
        }

        if (open.Count + target.Height > ApiLimits.MaxNestingDepth)
        {
            throw new BodyDecodeException($"yaml: line {line}: exceeded max depth of {ApiLimits.MaxNestingDepth}");
        }

        if (open.TryPeek(out var frame) && frame.Container is JsonObject && frame.Key is null)
        {
            frame.Key = target.Node is JsonValue scalar ? scalar.ToString() : target.Node is null ? "null"
                : throw new BodyDecodeException($"yaml: line {line}: invalid map key: alias '{name}' is not a scalar");
            frame.Weight += target.Weight;
            return;
        }

        Attach(target.Node?.DeepClone(), target.Weight, target.Height);
    }

    // The path a new collection gets inside the innermost one; a collection cannot be a mapping key.
    private string ChildPath(long line, string collection)
    {
        if (!open.TryPeek(out var frame))
        {
            return "";
        }

        if (frame.Container is JsonArray array)
        {
            return FieldPath.Index(frame.Path, array.Count);
        }

        if (frame.Key is null)
        {
            throw new BodyDecodeException($"yaml: line {line}: invalid map key: {collection} cannot be a mapping key (keys must be scalars)");
        }

        return FieldPath.Child(frame.Path, frame.Key);
    }

    private void Attach(JsonNode? value, long weight, int height)
    {
        if (!open.TryPeek(out var frame))
        {
            root = value;
            HasRoot = true;
            return;
        }

        frame.Weight += weight;
        frame.Height = Math.Max(frame.Height, height);
        if (frame.Container is JsonArray array)
        {
            array.Add(value);
            return;
        }

        var obj = (JsonObject)frame.Container;
        var key = frame.Key!;
        frame.Key = null;
        if (obj.ContainsKey(key))
        {
            duplicates.Add(FieldPath.Child(frame.Path, key));
        }

        obj[key] = value;
    }

    private sealed class Frame(JsonNode container, string path, string anchor)
    {
        public JsonNode Container { get; } = container;
        public string Path { get; } = path;
        public string Anchor { get; } = anchor;
        public string? Key { get; set; }
        public long Weight { get; set; } = 16;
        public int Height { get; set; }
    }

    private sealed record Anchored(JsonNode? Node, long Weight, int Height);
}
