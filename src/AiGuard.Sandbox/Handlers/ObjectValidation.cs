using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Handlers;

/// <summary>Validation shared by every kind (names, labels) plus the kind's strategy and CRD schema.</summary>
internal static class ObjectValidation
{
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = new List<StatusCause>();
        var meta = obj.GetObject("metadata");
        var name = meta.GetString("name") ?? "";
        if (old is null && NameValidation.Check(name, type.Strategy.NameRule) is { } nameError)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": {nameError}", "metadata.name"));
        }

        foreach (var (key, value) in meta.GetObject("labels") ?? [])
        {
            var text = value?.ToString() ?? "";
            if (!IsQualifiedName(key))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", "metadata.labels"));
            }
            else if (!NameValidation.IsLabelValue(text))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{text}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)", $"metadata.labels"));
            }
        }

        type.Strategy.Validate(obj, old, causes);
        type.Schema?.Validate(obj, old, causes);
        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type, name, causes);
        }
    }

    private static bool IsQualifiedName(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0 && NameValidation.Check(key[..slash], NameRule.Subdomain) is not null)
        {
            return false;
        }

        return name.Length is > 0 and <= 63 && NameValidation.IsLabelValue(name);
    }
}
