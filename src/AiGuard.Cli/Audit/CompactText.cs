namespace AiGuard.Cli.Audit;

/// <summary>
/// CompactText is a text kept as the part that differs from a shared template: the template's first
/// <see cref="Prefix"/> characters, then <see cref="Middle"/>, then the template's last <see cref="Suffix"/> characters.
/// Exact for any string (it is cut and joined as UTF-16, never re-encoded).
/// </summary>
public readonly record struct CompactText(string Template, int Prefix, string Middle, int Suffix)
{
    /// <summary>The text itself.</summary>
    public override string ToString() =>
        Prefix == Template.Length && Middle.Length == 0 && Suffix == 0
            ? Template
            : string.Concat(Template.AsSpan(0, Prefix), Middle, Template.AsSpan(Template.Length - Suffix));
}
