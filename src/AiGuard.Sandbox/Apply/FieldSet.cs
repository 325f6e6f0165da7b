using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Apply;

/// <summary>
/// A set of field paths stored as a tree, in the <c>FieldsV1</c> vocabulary of managedFields: path elements are
/// <c>f:name</c> (a field), <c>k:{"name":"app"}</c> (a keyed list item), <c>v:"x"</c> (a set item) and
/// <c>i:0</c> (a list index, only read). A node is a member when the path ending there is in the set.
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> children = new(StringComparer.Ordinal);

    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && children.Count == 0;

    public IReadOnlyDictionary<string, FieldSet> Children => children;

    /// <summary>Parses a <c>fieldsV1</c> object: <c>{}</c> marks a member leaf, a <c>"."</c> key marks a member with children.</summary>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1)
    {
        var set = new FieldSet();
        if (fieldsV1 is JsonObject obj)
        {
            set.ReadChildren(obj);
        }

        return set;
    }

    public JsonObject ToFieldsV1()
    {
        var result = new JsonObject();
        WriteChildren(result);
        return result;
    }

    public void Add(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node.children.TryGetValue(element, out var child))
            {
                child = new FieldSet();
                node.children[element] = child;
            }

            node = child;
        }

        node.IsMember = true;
    }

    public FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node.children.TryGetValue(element, out node))
            {
                return null;
            }
        }

        return node;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true;

    /// <summary>True when the set holds the path, anything below it, or an ancestor that is a leaf (an atomic value around it).</summary>
    public bool Overlaps(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (node.IsMember && node.children.Count == 0 && !ReferenceEquals(node, this))
            {
                return true;
            }

            if (!node.children.TryGetValue(element, out node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the path and everything below it.</summary>
    public void RemoveSubtree(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            children.Clear();
            IsMember = false;
            return;
        }

        var trail = new List<FieldSet> { this };
        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node.children.TryGetValue(path[i], out node))
            {
                return;
            }

            trail.Add(node);
        }

        node.children.Remove(path[^1]);
        for (var i = trail.Count - 1; i > 0; i--)
        {
            if (trail[i].IsEmpty)
            {
                trail[i - 1].children.Remove(path[i - 1]);
            }
        }
    }

    public void UnionWith(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (element, otherChild) in other.children)
        {
            if (!children.TryGetValue(element, out var child))
            {
                child = new FieldSet();
                children[element] = child;
            }

            child.UnionWith(otherChild);
        }
    }

    /// <summary>Every member path, parents before their children.</summary>
    public IEnumerable<string[]> Members()
    {
        var path = new List<string>();
        return Walk(this, path);

        static IEnumerable<string[]> Walk(FieldSet node, List<string> path)
        {
            if (node.IsMember && path.Count > 0)
            {
                yield return [.. path];
            }

            foreach (var (element, child) in node.children)
            {
                path.Add(element);
                foreach (var member in Walk(child, path))
                {
                    yield return member;
                }

                path.RemoveAt(path.Count - 1);
            }
        }
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet();
        copy.UnionWith(this);
        return copy;
    }

    private void ReadChildren(JsonObject obj)
    {
        foreach (var (element, value) in obj)
        {
            if (element == ".")
            {
                IsMember = true;
                continue;
            }

            var child = new FieldSet();
            if (value is JsonObject childObject && childObject.Count > 0)
            {
                child.ReadChildren(childObject);
            }
            else
            {
                child.IsMember = true;
            }

            children[element] = child;
        }
    }

    private void WriteChildren(JsonObject target)
    {
        if (IsMember && children.Count > 0)
        {
            target["."] = new JsonObject();
        }

        foreach (var (element, child) in children)
        {
            var node = new JsonObject();
            child.WriteChildren(node);
            target[element] = node;
        }
    }
}
