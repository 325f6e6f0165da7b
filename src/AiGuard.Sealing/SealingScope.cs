namespace AiGuard.Sealing;

/// <summary>
/// SealingScope is where a sealed value may be opened: one secret of one ModelDeployment
/// (<c>&lt;namespace&gt;/&lt;modeldeployment&gt;/&lt;secret&gt;</c>, the default) or a whole namespace
/// (<c>&lt;namespace&gt;</c>). Every part is a DNS label, so the canonical text is unambiguous.
/// </summary>
public sealed record SealingScope
{
    private const int MaxLabelLength = 63;
    private const int MaxShownInputLength = 80;

    private SealingScope(SealingScopeMode mode, string @namespace, string? modelDeployment, string? secret)
    {
        Mode = mode;
        Namespace = @namespace;
        ModelDeployment = modelDeployment;
        Secret = secret;
    }

    /// <summary>How much of the location is bound.</summary>
    public SealingScopeMode Mode { get; }

    /// <summary>The namespace (always set).</summary>
    public string Namespace { get; }

    /// <summary>The ModelDeployment name; null for a namespace-wide scope.</summary>
    public string? ModelDeployment { get; }

    /// <summary>The name of the entry in <c>spec.secrets</c>; null for a namespace-wide scope.</summary>
    public string? Secret { get; }

    /// <summary>The strict scope of one secret of one ModelDeployment.</summary>
    /// <exception cref="SealingException">A part is not a DNS label (<see cref="SealingFailure.InvalidScope"/>).</exception>
    public static SealingScope Strict(string @namespace, string modelDeployment, string secret)
    {
        RequireLabel("namespace", @namespace);
        RequireLabel("ModelDeployment name", modelDeployment);
        RequireLabel("secret name", secret);
        return new SealingScope(SealingScopeMode.Strict, @namespace, modelDeployment, secret);
    }

    /// <summary>The namespace-wide scope.</summary>
    /// <exception cref="SealingException">The namespace is not a DNS label (<see cref="SealingFailure.InvalidScope"/>).</exception>
    public static SealingScope NamespaceWide(string @namespace)
    {
        RequireLabel("namespace", @namespace);
        return new SealingScope(SealingScopeMode.Namespace, @namespace, null, null);
    }

    /// <summary>Parses the canonical text: <c>ns/md/secret</c> (strict) or <c>ns</c> (namespace-wide).</summary>
    /// <exception cref="SealingException">The text has another shape or a part is not a DNS label.</exception>
    public static SealingScope Parse(string text)
    {
        if (text is null)
        {
            throw new SealingException(SealingFailure.InvalidScope, "scope is missing: expected <namespace>/<modeldeployment>/<secret> or <namespace>");
        }

        var parts = text.Split('/');
        return parts.Length switch
        {
            3 => Strict(parts[0], parts[1], parts[2]),
            1 => NamespaceWide(parts[0]),
            _ => throw new SealingException(
                SealingFailure.InvalidScope,
                $"scope '{Shown(text)}' has {parts.Length} parts: expected <namespace>/<modeldeployment>/<secret> (strict) or <namespace> (namespace-wide)"),
        };
    }

    /// <summary>
    /// The scope this location presents to a value sealed with <paramref name="mode"/>: a strict location also
    /// accepts namespace-wide values of its namespace; a namespace-only location cannot satisfy a strict value.
    /// </summary>
    /// <returns>The scope to check against, or null when this location cannot satisfy the mode.</returns>
    public SealingScope? As(SealingScopeMode mode) => (mode, Mode) switch
    {
        _ when mode == Mode => this,
        (SealingScopeMode.Namespace, _) => new SealingScope(SealingScopeMode.Namespace, Namespace, null, null),
        _ => null,
    };

    /// <summary>The canonical text bound into envelopes: <c>ns/md/secret</c> or <c>ns</c>.</summary>
    public override string ToString() =>
        Mode == SealingScopeMode.Strict ? $"{Namespace}/{ModelDeployment}/{Secret}" : Namespace;

    private static void RequireLabel(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new SealingException(SealingFailure.InvalidScope, $"{field} is empty: a sealing scope needs a DNS label (1-63 lowercase letters, digits and '-')");
        }

        if (!IsDnsLabel(value))
        {
            throw new SealingException(
                SealingFailure.InvalidScope,
                $"{field} '{Shown(value)}' is not a DNS label: use 1-{MaxLabelLength} lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    private static bool IsDnsLabel(string value)
    {
        if (value.Length > MaxLabelLength || value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shown(string value) =>
        value.Length <= MaxShownInputLength ? value : string.Concat(value.AsSpan(0, MaxShownInputLength), "...");
}
