using System.Text;
using AiGuard.Api;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// AdoptManifest prints an <see cref="AdoptedModel"/>: a header comment that says where it came from and what a human
/// must review, then the ModelDeployment as YAML. Every comment line is sanitized (<see cref="CommentText"/>), and
/// the YAML is written by <see cref="ManifestYaml"/>, so no value of the workload can break out into manifest content.
/// </summary>
public static class AdoptManifest
{
    /// <summary>The manifest text, ending with a newline.</summary>
    public static string Render(AdoptedModel adopted, WorkloadReference workload, string @namespace, string version)
    {
        ArgumentNullException.ThrowIfNull(adopted);
        var text = new StringBuilder();
        text.Append("# ModelDeployment adopted from ").Append(CommentText.Sanitize(workload.ToString())).Append(" in namespace ")
            .Append(CommentText.Sanitize(@namespace)).Append(" by aiguard adopt ").Append(CommentText.Sanitize(version, 40)).Append('\n');
        text.Append("# Review before applying (aiguard audit FILE shows what still fails):\n");
        foreach (var line in adopted.Review)
        {
            text.Append("#  - ").Append(CommentText.Sanitize(line, 400)).Append('\n');
        }

        text.Append(ManifestYaml.Serialize(adopted.Model));
        return text.ToString();
    }
}
