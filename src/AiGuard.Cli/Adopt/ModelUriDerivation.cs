using System.Text.RegularExpressions;
using k8s.Models;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// ModelUriDerivation reads which model a server loads from its arguments and environment: vLLM and llama.cpp
/// <c>--model</c>, TGI <c>--model-id</c> or <c>MODEL_ID</c>, llama.cpp <c>-m</c> and <c>--hf-repo</c>. A URI is kept as
/// written, a Hugging Face id (<c>org/name</c>) becomes <c>hf://org/name</c>, and a path on a mounted
/// PersistentVolumeClaim becomes <c>pvc://claim/path</c>. Anything else is not derivable (null): a path inside the
/// image or on an emptyDir names no artifact AiGuard can pin.
/// </summary>
public static partial class ModelUriDerivation
{
    private static readonly string[] Flags = ["--model", "--model-id", "--hf-repo", "-m"];
    private static readonly string[] EnvNames = ["MODEL_ID", "HF_MODEL_ID", "MODEL"];

    /// <summary>The model URI, and where it came from (<c>args --model</c>), or null.</summary>
    public static (string Uri, string Source)? Derive(V1Container container, IList<V1Volume>? volumes)
    {
        ArgumentNullException.ThrowIfNull(container);
        foreach (var (value, source) in Candidates(container))
        {
            if (ToUri(value, container, volumes) is { } uri)
            {
                return (uri, source);
            }
        }

        return null;
    }

    private static IEnumerable<(string Value, string Source)> Candidates(V1Container container)
    {
        var tokens = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var flag in Flags)
            {
                if (tokens[i] == flag && i + 1 < tokens.Count)
                {
                    yield return (tokens[i + 1], $"argument {flag}");
                }
                else if (tokens[i].StartsWith(flag + "=", StringComparison.Ordinal))
                {
                    yield return (tokens[i][(flag.Length + 1)..], $"argument {flag}");
                }
            }
        }

        foreach (var name in EnvNames)
        {
            if (container.Env?.FirstOrDefault(e => e?.Name == name && e.ValueFrom is null) is { Value: { Length: > 0 } value })
            {
                yield return (value, $"environment variable {name}");
            }
        }
    }

    private static string? ToUri(string value, V1Container container, IList<V1Volume>? volumes)
    {
        if (UriPattern().IsMatch(value))
        {
            return value;
        }

        if (HuggingFaceId().IsMatch(value))
        {
            return "hf://" + value;
        }

        if (!value.StartsWith('/'))
        {
            return null;
        }

        var mount = (container.VolumeMounts ?? [])
            .Where(m => m?.MountPath is { Length: > 0 } path && (value == path || value.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderByDescending(m => m.MountPath.Length)
            .FirstOrDefault();
        var claim = mount is null ? null : volumes?.FirstOrDefault(v => v?.Name == mount.Name)?.PersistentVolumeClaim?.ClaimName;
        if (claim is null)
        {
            return null;
        }

        var rest = value[mount!.MountPath.TrimEnd('/').Length..].Trim('/');
        var sub = mount.SubPath is { Length: > 0 } subPath ? subPath.Trim('/') + (rest.Length > 0 ? "/" : "") : "";
        return $"pvc://{claim}/{sub}{rest}".TrimEnd('/');
    }

    [GeneratedRegex("^(s3|gs|hf|oci|https|pvc)://[^\\s]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();

    // Hugging Face repository ids: an owner and a name of letters, digits, '-', '_' and '.', optionally @revision.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}(@[A-Za-z0-9_.-]{1,64})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HuggingFaceId();
}
