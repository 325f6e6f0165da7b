namespace AiGuard.Cli.Sealing;

/// <summary>ManifestNodeKind is the kind of a <see cref="ManifestNode"/>.</summary>
public enum ManifestNodeKind
{
    /// <summary>A scalar.</summary>
    Scalar,

    /// <summary>A mapping.</summary>
    Mapping,

    /// <summary>A sequence.</summary>
    Sequence,

    /// <summary>An alias (<c>*name</c>); not followed.</summary>
    Alias,
}
