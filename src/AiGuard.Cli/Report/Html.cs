using System.Net;

namespace AiGuard.Cli.Report;

/// <summary>
/// Html encodes text from the cluster for HTML text and quoted attribute values, inline SVG included: &lt; &gt; &amp;
/// and both quotes become entities, so a name or message can neither close an element (<c>&lt;/svg&gt;</c>,
/// <c>&lt;/td&gt;</c>) nor leave an attribute.
/// </summary>
public static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
