using AiGuard.Api;
using k8s.Models;

namespace AiGuard.Engine.Controls;

/// <summary>Ownership tells objects the operator manages from foreign ones, by the managed-by label.</summary>
internal static class Ownership
{
    public static bool IsManaged(V1ObjectMeta? metadata) =>
        metadata?.Labels is { } labels
        && labels.TryGetValue(ApiGroup.ManagedByLabel, out var value)
        && value == ApiGroup.ManagedByValue;
}
