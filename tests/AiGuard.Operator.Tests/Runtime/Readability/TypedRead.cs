using System.Text.Json;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Runtime;
using k8s;

namespace AiGuard.Operator.Tests.Runtime.Readability;

/// <summary>Reads a stored object into its typed model the two ways the operator does: the informers' <see cref="CacheJson"/> and <see cref="KubernetesJson"/>.</summary>
internal static class TypedRead
{
    /// <summary>Why <paramref name="json"/> cannot be read as <paramref name="kind"/>, or null when both readers read it.</summary>
    public static string? Failure(string kind, string json)
    {
        try
        {
            Read(kind, json, CacheJson.Deserialize<ModelDeployment>, CacheJson.Deserialize<GuardPolicy>, CacheJson.Deserialize<GuardException>);
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return "CacheJson: " + e.Message;
        }

        try
        {
            Read(kind, json, j => KubernetesJson.Deserialize<ModelDeployment>(j), j => KubernetesJson.Deserialize<GuardPolicy>(j), j => KubernetesJson.Deserialize<GuardException>(j));
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return "KubernetesJson: " + e.Message;
        }

        return null;
    }

    private static void Read(string kind, string json, Func<string, ModelDeployment?> model, Func<string, GuardPolicy?> policy, Func<string, GuardException?> exception)
    {
        object? read = kind switch
        {
            "ModelDeployment" => model(json),
            "GuardPolicy" => policy(json),
            _ => exception(json),
        };
        _ = read ?? throw new JsonException($"{kind} read as null");
    }
}
