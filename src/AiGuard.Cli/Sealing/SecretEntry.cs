using System.Text;

namespace AiGuard.Cli.Sealing;

/// <summary>SecretEntry is one <c>spec.secrets[]</c> entry with sealed values, as <c>aiguard seal</c> writes it.</summary>
/// <param name="Name">spec.secrets[].name.</param>
/// <param name="MountPath">spec.secrets[].mountPath, or null.</param>
/// <param name="Expose">spec.secrets[].expose, or null.</param>
/// <param name="SealedData">Data key and sealed text, in output order.</param>
public sealed record SecretEntry(string Name, string? MountPath, string? Expose, IReadOnlyList<KeyValuePair<string, string>> SealedData)
{
    /// <summary>The entry as block YAML, a sequence item whose dash sits at <paramref name="indent"/> columns.</summary>
    public string ToYaml(int indent = 0, string newline = "\n")
    {
        var pad = new string(' ', indent);
        var text = new StringBuilder();
        text.Append(pad).Append("- name: ").Append(YamlScalarText.Of(Name)).Append(newline);
        if (MountPath is not null)
        {
            text.Append(pad).Append("  mountPath: ").Append(YamlScalarText.Of(MountPath)).Append(newline);
        }

        if (Expose is not null)
        {
            text.Append(pad).Append("  expose: ").Append(YamlScalarText.Of(Expose)).Append(newline);
        }

        text.Append(pad).Append("  sealedData:").Append(newline);
        foreach (var (key, sealedText) in SealedData)
        {
            text.Append(pad).Append("    ").Append(YamlScalarText.Of(key)).Append(": ").Append(YamlScalarText.Of(sealedText)).Append(newline);
        }

        return text.ToString();
    }
}
