using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// SecretPlan turns spec.secrets into child Secrets. A sealed entry whose values were opened becomes an immutable
/// Secret named <c>&lt;md&gt;-&lt;secret&gt;-&lt;hash8&gt;</c>: the name changes with the content, so new values
/// produce a new Secret and a new pod template instead of editing a Secret under running pods. Opened values go
/// into Secret.data and nowhere else.
/// </summary>
internal static class SecretPlan
{
    private const int NameHashLength = 8;

    /// <summary>The resolved secrets (in spec order), the child Secrets, and the sealed entries that could not be opened.</summary>
    public sealed record Result(List<PlannedSecret> Planned, List<V1Secret> Children, List<string> Unopened);

    public static Result Build(
        PlanningContext context,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> openedSecrets)
    {
        var result = new Result([], [], []);
        foreach (var spec in context.Spec.Secrets?.OfType<Api.ModelDeployments.SecretSpec>() ?? [])
        {
            if (spec.SealedData is { } sealedData)
            {
                var data = OpenedData(sealedData.Keys, openedSecrets.GetValueOrDefault(spec.Name));
                if (data is null)
                {
                    result.Unopened.Add(spec.Name);
                    continue;
                }

                var hash = SecretContentHash.Compute(data);
                var name = $"{context.Name}-{spec.Name}-{hash[..NameHashLength]}";
                result.Children.Add(new V1Secret
                {
                    ApiVersion = "v1",
                    Kind = V1Secret.KubeKind,
                    Metadata = context.ChildMetadata(name),
                    Type = "Opaque",
                    Immutable = true,
                    Data = data,
                });
                result.Planned.Add(new PlannedSecret(spec, name, [.. data.Keys], hash));
            }
            else if (!string.IsNullOrEmpty(spec.ExistingSecret))
            {
                result.Planned.Add(new PlannedSecret(spec, spec.ExistingSecret, null, null));
            }
        }

        return result;
    }

    /// <summary>The Secrets among <paramref name="children"/> that <paramref name="mounted"/> names.</summary>
    public static List<V1Secret> MountedOnly(IEnumerable<V1Secret> children, IReadOnlySet<string> mounted) =>
        children.Where(s => s.Metadata?.Name is { } name && mounted.Contains(name)).ToList();

    // Every sealed key must have been opened; a partly opened secret would start the model with missing files.
    // Only the sealed keys are taken, in ordinal order, copied so the caller's buffers stay its own.
    private static Dictionary<string, byte[]>? OpenedData(
        IEnumerable<string> sealedKeys, IReadOnlyDictionary<string, byte[]>? opened)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in sealedKeys.Order(StringComparer.Ordinal))
        {
            if (opened is null || !opened.TryGetValue(key, out var value) || value is null)
            {
                return null;
            }

            data[key] = value.ToArray();
        }

        return data;
    }
}
