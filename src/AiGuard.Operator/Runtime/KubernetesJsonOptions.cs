using System.Text.Json;
using k8s;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// KubernetesJsonOptions hands out KubernetesClient's own serializer settings, so hot paths can write UTF-8 bytes or a
/// <see cref="JsonElement"/> directly (<see cref="KubernetesJson"/> only offers strings) and still produce exactly the
/// JSON KubernetesClient writes: hashes and drift checks over these bytes agree with what is sent to the API server.
/// </summary>
internal static class KubernetesJsonOptions
{
    private static readonly Lazy<JsonSerializerOptions> Lazy = new(() =>
    {
        JsonSerializerOptions? kubernetes = null;
        KubernetesJson.AddJsonOptions(o => kubernetes = o);
        return kubernetes ?? throw new InvalidOperationException("KubernetesJson exposed no options");
    });

    /// <summary>KubernetesClient's serializer options (shared; never modify them).</summary>
    public static JsonSerializerOptions Shared => Lazy.Value;

    /// <summary><paramref name="value"/> as KubernetesClient writes it (its runtime type), in UTF-8.</summary>
    public static byte[] Utf8(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Shared);

    /// <summary><paramref name="value"/> as KubernetesClient writes it, as a read-only JSON tree.</summary>
    public static JsonElement Element(object value) => JsonSerializer.SerializeToElement(value, value.GetType(), Shared);
}
