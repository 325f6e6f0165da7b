using YamlDotNet.Core;

namespace AiGuard.Cli.Sealing;

/// <summary>
/// ManifestMerge puts a sealed <c>spec.secrets[]</c> entry into the ModelDeployment of a (multi-document) manifest,
/// editing only the lines of that entry: comments, formatting and other documents stay byte for byte. An existing
/// entry of the same name keeps its other keys and its mountPath/expose unless new ones are given; sealed keys given
/// again are replaced in place. The result is parsed again and checked before it is handed back.
/// </summary>
public static class ManifestMerge
{
    private static readonly HashSet<string> EntryFields = new(StringComparer.Ordinal) { "name", "mountPath", "expose", "sealedData", "existingSecret" };

    /// <summary>Merges <paramref name="entry"/> into the ModelDeployment <paramref name="model"/> of <paramref name="namespace"/>.</summary>
    /// <param name="text">The manifest.</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="namespace">The ModelDeployment's namespace (a document without metadata.namespace matches too).</param>
    /// <param name="model">The ModelDeployment's name.</param>
    /// <param name="entry">The new entry: name, sealed values, and mountPath/expose when given on the command line.</param>
    /// <exception cref="SealException">Not YAML, model not found or ambiguous, or a shape this edit cannot handle (exit 2).</exception>
    public static ManifestMergeResult Merge(string text, string file, string @namespace, string model, SecretEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entry);
        var root = FindModel(Read(text, file), file, @namespace, model);
        var edit = new ManifestEdit(text, file);
        var notes = new List<string>();
        var replaced = false;

        var spec = root.Get("spec");
        if (spec is not { Kind: ManifestNodeKind.Mapping, Flow: false } || spec.Children.Count == 0)
        {
            throw SealException.Input($"{file}:{root.Line}: ModelDeployment {model} has no block-style spec mapping to add spec.secrets to");
        }

        string merged;
        if (spec.Entry("secrets") is not { } secrets)
        {
            var pad = spec.Children[0].Column - 1;
            merged = edit.InsertAfter(spec.End, $"{new string(' ', pad)}secrets:{edit.Newline}{entry.ToYaml(pad + 2, edit.Newline)}");
        }
        else if (IsEmpty(secrets.Value))
        {
            if (secrets.Value.Line != secrets.Key.Line && secrets.Value.Value != "")
            {
                throw SealException.Input($"{file}:{secrets.Value.Line}: spec.secrets is written in a form this edit does not handle; write it as a block list (or empty) and run again");
            }

            merged = edit.ReplaceToLineEnd(secrets.Key.End, ":" + edit.Newline + entry.ToYaml(secrets.Key.Column - 1 + 2, edit.Newline));
        }
        else if (secrets.Value is { Kind: ManifestNodeKind.Sequence, Flow: false } list)
        {
            // A list item that is not an entry (e.g. a stray scalar) means the manifest is already broken; adding to
            // it would write a file that the API server rejects for reasons unrelated to this edit.
            if (list.Children.FirstOrDefault(item => item.Kind != ManifestNodeKind.Mapping) is { } stray)
            {
                throw SealException.Input($"{file}:{stray.Line}: spec.secrets holds an item that is not a name/value mapping; fix the manifest first");
            }

            var items = list.Children.Where(item => item.Kind == ManifestNodeKind.Mapping && item.Text("name") == entry.Name).ToList();
            if (items.Count > 1)
            {
                throw SealException.Input($"{file}:{items[1].Line}: spec.secrets has {items.Count} entries named {entry.Name}; remove the duplicates first");
            }

            if (items.Count == 1)
            {
                var combined = Combine(items[0], entry, file, notes);
                var (start, dash) = edit.ItemStart(items[0]);
                merged = edit.Replace(start, edit.LineEndAfter(items[0].End), combined.ToYaml(dash, edit.Newline));
                replaced = true;
            }
            else
            {
                var (_, dash) = edit.ItemStart(list.Children[^1]);
                merged = edit.InsertAfter(list.End, entry.ToYaml(dash, edit.Newline));
            }
        }
        else
        {
            throw SealException.Input($"{file}:{secrets.Value.Line}: spec.secrets is not a block list (flow style or another type); write it as a block list and run again");
        }

        Verify(merged, file, @namespace, model, entry);
        return new ManifestMergeResult(merged, replaced, notes);
    }

    private static IReadOnlyList<ManifestNode?> Read(string text, string file)
    {
        try
        {
            return ManifestReader.Read(text);
        }
        catch (YamlException e)
        {
            throw SealException.Input($"{file}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.Message}; the file was not changed");
        }
    }

    private static ManifestNode FindModel(IReadOnlyList<ManifestNode?> documents, string file, string @namespace, string model)
    {
        var seen = new List<string>();
        var matches = new List<ManifestNode>();
        foreach (var root in documents)
        {
            if (root is not { Kind: ManifestNodeKind.Mapping } || root.Text("kind") != "ModelDeployment"
                || root.Text("apiVersion")?.StartsWith("aiguard.io/", StringComparison.Ordinal) != true)
            {
                continue;
            }

            var metadata = root.Get("metadata");
            var name = metadata?.Text("name");
            var ns = metadata?.Text("namespace");
            seen.Add($"{ns ?? "(no namespace)"}/{name}");
            if (name == model && (ns is null || ns == @namespace))
            {
                matches.Add(root);
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw SealException.Input(
                $"{file}: no ModelDeployment named {model} in namespace {@namespace} (found: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}); the file was not changed"),
            _ => throw SealException.Input(
                $"{file}: {matches.Count} ModelDeployments match {@namespace}/{model} (lines {string.Join(", ", matches.Select(m => m.Line))}); the file was not changed"),
        };
    }

    private static bool IsEmpty(ManifestNode value) =>
        value.Kind == ManifestNodeKind.Scalar && value.Value is "" or "null" or "~" or "Null" or "NULL"
        || value is { Kind: ManifestNodeKind.Sequence, Flow: true, Children.Count: 0 };

    private static SecretEntry Combine(ManifestNode item, SecretEntry entry, string file, List<string> notes)
    {
        for (var i = 0; i + 1 < item.Children.Count; i += 2)
        {
            var field = item.Children[i].Value;
            if (item.Children[i].Kind != ManifestNodeKind.Scalar || field is null || !EntryFields.Contains(field))
            {
                throw SealException.Input($"{file}:{item.Children[i].Line}: spec.secrets entry {entry.Name} has a field this edit does not know ({field}); edit it by hand");
            }
        }

        var data = new List<KeyValuePair<string, string>>();
        if (item.Get("sealedData") is { } old)
        {
            if (old.Kind != ManifestNodeKind.Mapping)
            {
                throw SealException.Input($"{file}:{old.Line}: spec.secrets entry {entry.Name} has a sealedData that is not a mapping; edit it by hand");
            }

            for (var i = 0; i + 1 < old.Children.Count; i += 2)
            {
                var (key, value) = (old.Children[i], old.Children[i + 1]);
                if (key.Kind != ManifestNodeKind.Scalar || value.Kind != ManifestNodeKind.Scalar)
                {
                    throw SealException.Input($"{file}:{key.Line}: sealedData of spec.secrets entry {entry.Name} holds something other than key: sealed text; edit it by hand");
                }

                var fresh = entry.SealedData.FirstOrDefault(p => p.Key == key.Value);
                data.Add(new(key.Value!, fresh.Key is null ? value.Value! : fresh.Value));
            }
        }

        data.AddRange(entry.SealedData.Where(p => data.All(d => d.Key != p.Key)));
        if (item.Text("existingSecret") is { } existing)
        {
            notes.Add($"spec.secrets entry {entry.Name} referred to the existing Secret {existing}; it now holds sealed values instead");
        }

        return entry with
        {
            MountPath = entry.MountPath ?? item.Text("mountPath"),
            Expose = entry.Expose ?? item.Text("expose"),
            SealedData = data,
        };
    }

    // The edit must leave exactly the intended entry: parse the result and look.
    private static void Verify(string merged, string file, string @namespace, string model, SecretEntry entry)
    {
        IReadOnlyList<ManifestNode?> documents;
        try
        {
            documents = ManifestReader.Read(merged);
        }
        catch (YamlException e)
        {
            throw SealException.Input($"{file}: the edited manifest would not parse ({e.Message}); the file was not changed. Add the entry by hand (run without --merge-into)", e);
        }

        var items = FindModel(documents, file, @namespace, model).Get("spec")?.Get("secrets")?.Children
            .Where(item => item.Text("name") == entry.Name).ToList() ?? [];
        var sealedData = items.Count == 1 ? items[0].Get("sealedData") : null;
        if (sealedData is null || entry.SealedData.Any(p => sealedData.Text(p.Key) != p.Value))
        {
            throw SealException.Input($"{file}: the edited manifest did not hold the new entry as expected; the file was not changed. Add the entry by hand (run without --merge-into)");
        }
    }
}
