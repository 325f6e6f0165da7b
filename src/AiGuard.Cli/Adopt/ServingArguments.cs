using System.Text.RegularExpressions;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// ServingArguments copies a container's args into spec.serving.args, leaving out every argument that carries a
/// credential: a credential-named flag with its value (<c>--api-key=...</c>, <c>--hf-token VALUE</c>) and any URL with a
/// user and password in it. What was left out is named (never its value) for the review list.
/// </summary>
public static partial class ServingArguments
{
    /// <summary>The args to keep, and the review lines for those left out.</summary>
    public static (List<string> Kept, List<string> Review) Filter(IList<string>? args)
    {
        var kept = new List<string>();
        var review = new List<string>();
        var list = args ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i] ?? "";
            var flag = arg.StartsWith('-') ? arg.Split('=', 2)[0] : null;
            if (flag is not null && CredentialNames.LooksLikeCredential(flag))
            {
                var valueFollows = !arg.Contains('=', StringComparison.Ordinal) && i + 1 < list.Count && !(list[i + 1] ?? "").StartsWith('-');
                if (valueFollows)
                {
                    i++;
                }

                review.Add($"argument {CommentText.Sanitize(flag, 60)} was left out with its value: it carries a credential; read it from a file under spec.secrets instead");
                continue;
            }

            if (UrlWithPassword().IsMatch(arg))
            {
                review.Add($"argument {i + 1} was left out: it holds a URL with a password; read the credential from spec.secrets instead");
                continue;
            }

            kept.Add(arg);
        }

        return (kept, review);
    }

    [GeneratedRegex("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s@]*:[^/\\s@]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlWithPassword();
}
