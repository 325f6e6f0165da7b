using System.Text;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>Secrets: stringData folds into base64 data, type defaults to Opaque, data must be base64, immutable is enforced.</summary>
internal sealed class SecretStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj) => Normalize(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        Normalize(obj);
        if (obj["type"] is null && old["type"] is { } type)
        {
            obj["type"] = type.DeepClone();
        }
    }

    private static void Normalize(JsonObject obj)
    {
        if (obj.GetObject("stringData") is { } stringData)
        {
            var data = obj.GetOrAddObject("data");
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? ""));
            }

            obj.Remove("stringData");
        }

        obj["type"] ??= "Opaque";
    }

    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        foreach (var (key, value) in obj.GetObject("data") ?? [])
        {
            var text = value?.ToString() ?? "";
            var buffer = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, buffer, out _))
            {
                causes.Add(new StatusCause("FieldValueInvalid", "illegal base64 data", $"data[{key}]"));
            }
        }

        ConfigMapStrategy.CheckImmutable(obj, old, ["data", "type"], causes);
    }
}
