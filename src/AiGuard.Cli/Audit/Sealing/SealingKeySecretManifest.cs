using System.Text;
using System.Text.Json.Nodes;
using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Audit.Sealing;

/// <summary>
/// SealingKeySecretManifest reads the operator's sealing key Secrets as <c>kubectl get secret -o yaml</c> (or
/// <c>-o json</c>) exports them: one or more <c>kubernetes.io/tls</c> Secrets, or a <c>List</c> of them, with
/// <c>data.tls.crt</c>/<c>data.tls.key</c> in base64 (or <c>stringData</c>). Other kinds are ignored.
/// </summary>
internal static class SealingKeySecretManifest
{
    /// <summary>PEM text of every Secret's certificate and key, in order; throws <see cref="SealingKeyFileException"/>.</summary>
    public static IReadOnlyList<string> PemTexts(string text)
    {
        IReadOnlyList<YamlDocument> documents;
        try
        {
            documents = YamlDocumentReader.Read(text);
        }
        catch (YamlSyntaxException e)
        {
            // The parser's message may quote the offending text, which could be key material: give the position only.
            throw new SealingKeyFileException($"is neither PEM nor a YAML/JSON Secret manifest (YAML error at line {e.Position.Line}, column {e.Position.Column})");
        }

        var texts = new List<string>();
        foreach (var document in documents)
        {
            if (document.Root is null)
            {
                continue;
            }
            JsonNode? json;
            try
            {
                json = JsonProjection.Convert(document.Root).Json;
            }
            catch (YamlSyntaxException e)
            {
                throw new SealingKeyFileException($"YAML error at line {e.Position.Line}, column {e.Position.Column}");
            }
            Collect(json, document.Start, texts);
        }

        if (texts.Count == 0)
        {
            throw new SealingKeyFileException("holds no PEM private key and no Secret with tls.key (expected a key PEM file or `kubectl get secret -o yaml` output)");
        }
        return texts;
    }

    private static void Collect(JsonNode? node, SourcePosition at, List<string> texts)
    {
        if (node is not JsonObject obj)
        {
            return;
        }
        var kind = Text(obj["kind"]);
        if (kind == "List" || (kind?.EndsWith("List", StringComparison.Ordinal) == true && obj["items"] is JsonArray))
        {
            foreach (var item in obj["items"] as JsonArray ?? [])
            {
                Collect(item, at, texts);
            }
            return;
        }
        if (kind != "Secret")
        {
            return;
        }

        var name = Text(obj["metadata"]?["name"]) ?? $"at line {at.Line}";
        var key = Field(obj, "tls.key", name);
        if (key is null)
        {
            throw new SealingKeyFileException($"Secret {name} has no data.tls.key; export the operator's sealing key Secret (type kubernetes.io/tls)");
        }
        var certificate = Field(obj, "tls.crt", name);
        texts.Add(certificate is null ? key : certificate + "\n" + key);
    }

    private static string? Field(JsonObject secret, string key, string name)
    {
        if (Text(secret["stringData"]?[key]) is { } plain)
        {
            return plain;
        }
        if (Text(secret["data"]?[key]) is not { } encoded)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw new SealingKeyFileException($"Secret {name}: data.{key} is not valid base64");
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
