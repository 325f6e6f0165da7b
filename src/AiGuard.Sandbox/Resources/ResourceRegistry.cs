using System.Collections.Frozen;

namespace AiGuard.Sandbox.Resources;

/// <summary>
/// The served resources. Readers take an immutable <see cref="RegistrySnapshot"/>; creating or deleting a
/// CRD swaps in a new snapshot, so discovery and routing change at once.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly object gate = new();
    private readonly List<ResourceType> builtIns;
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> custom = new(StringComparer.Ordinal);
    private RegistrySnapshot snapshot;

    public ResourceRegistry(IEnumerable<ResourceType> builtIns)
    {
        this.builtIns = builtIns.ToList();
        snapshot = Build(1);
    }

    public RegistrySnapshot Current => Volatile.Read(ref snapshot);

    /// <summary>Replaces the served versions of one custom group/resource (empty to remove it).</summary>
    public void SetCustom(string storageKey, IReadOnlyList<ResourceType> versions)
    {
        lock (gate)
        {
            if (versions.Count == 0)
            {
                custom.Remove(storageKey);
            }
            else
            {
                custom[storageKey] = versions;
            }

            Volatile.Write(ref snapshot, Build(snapshot.Generation + 1));
        }
    }

    private RegistrySnapshot Build(long generation)
    {
        var all = builtIns.Concat(custom.Values.SelectMany(v => v)).ToList();
        return new RegistrySnapshot(all, generation);
    }
}

/// <summary>An immutable view of the served resources, grouped the way discovery presents them.</summary>
internal sealed class RegistrySnapshot
{
    private readonly FrozenDictionary<string, ResourceType> byPath;

    public RegistrySnapshot(IReadOnlyList<ResourceType> types, long generation)
    {
        Types = types;
        Generation = generation;
        byPath = types.ToFrozenDictionary(t => Path(t.Group, t.Version, t.Plural), StringComparer.Ordinal);
        Groups = types
            .GroupBy(t => t.Group)
            .Select(g => new ApiGroup(
                g.Key,
                g.Select(t => t.Version).Distinct().OrderBy(v => v, KubeVersionOrder.Instance).ToList(),
                g.ToList()))
            .OrderBy(g => g.Name.Length == 0 ? 0 : g.Types.All(t => t.IsCustom) ? 2 : 1)
            .ThenBy(g => g.Types.All(t => t.IsCustom) ? g.Name : "")
            .ToList();
    }

    public IReadOnlyList<ResourceType> Types { get; }
    public long Generation { get; }
    public IReadOnlyList<ApiGroup> Groups { get; }

    public ResourceType? Find(string group, string version, string plural) =>
        byPath.GetValueOrDefault(Path(group, version, plural));

    public bool HasGroupVersion(string group, string version) =>
        Groups.Any(g => g.Name == group && g.Versions.Contains(version));

    public IEnumerable<ResourceType> InGroupVersion(string group, string version) =>
        Types.Where(t => t.Group == group && t.Version == version);

    /// <summary>One type per storage key (the one speaking the stored form, then the preferred version), for walking every stored object.</summary>
    public IEnumerable<ResourceType> StoragePreferred =>
        Types.GroupBy(t => t.StorageKey).Select(g => g.OrderBy(t => t.Conversion is null ? 0 : 1).ThenBy(t => t.Version, KubeVersionOrder.Instance).First());

    private static string Path(string group, string version, string plural) => group + "/" + version + "/" + plural;
}

/// <summary>A group with its versions, preferred first.</summary>
internal sealed record ApiGroup(string Name, IReadOnlyList<string> Versions, IReadOnlyList<ResourceType> Types)
{
    public string PreferredVersion => Versions[0];
}

/// <summary>Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 &gt; v1 &gt; v1beta2).</summary>
internal sealed class KubeVersionOrder : IComparer<string>
{
    public static KubeVersionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? "");
        var b = Rank(y ?? "");
        var byStability = b.Stability.CompareTo(a.Stability);
        if (byStability != 0)
        {
            return byStability;
        }

        var byMajor = b.Major.CompareTo(a.Major);
        return byMajor != 0 ? byMajor : b.Minor.CompareTo(a.Minor) is var m && m != 0 ? m : string.CompareOrdinal(x, y);
    }

    private static (int Stability, int Major, int Minor) Rank(string version)
    {
        var m = System.Text.RegularExpressions.Regex.Match(version, "^v([0-9]+)(?:(alpha|beta)([0-9]+))?$");
        if (!m.Success)
        {
            return (0, 0, 0);
        }

        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stability = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success && m.Groups[3].Length > 0
            ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        return (stability, major, minor);
    }
}
