using System.Text.Json.Serialization;
using AiGuard.Api.Numbers;
using AiGuard.Api.Times;
using k8s;

namespace AiGuard.Api.Quantities;

/// <summary>
/// SafeKubernetesJson puts <see cref="BoundedQuantityJsonConverter"/> in front of KubernetesClient's own quantity
/// converter, and <see cref="ApiServerDateTimeConverter"/> around its DateTime converter, in KubernetesJson's shared
/// options, which KubernetesClient also uses to read every API response: an object the API server accepted is read,
/// whatever its quantities say, however its date-times are written, and whichever integer forms it holds
/// (<see cref="ApiServerIntegerConverter{T}"/> for int and long: 1.0, 1e3, an unbounded int32 past its range), since one unreadable object fails its whole LIST. The
/// options freeze at their first use, so each entry point (the CLI's Main, each test assembly's module
/// initializer) calls <see cref="Install"/> before anything else; a late call fails loudly instead of leaving a
/// process that one object with a huge quantity can stall.
/// </summary>
public static class SafeKubernetesJson
{
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>True once <see cref="Install"/> has run in this process.</summary>
    public static bool IsInstalled
    {
        get
        {
            lock (Gate)
            {
                return installed;
            }
        }
    }

    /// <summary>Installs the bounded quantity, API-server date-time and integer converters; idempotent.</summary>
    /// <exception cref="InvalidOperationException">KubernetesJson was used before, so its options are frozen.</exception>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            try
            {
                KubernetesJson.AddJsonOptions(options =>
                {
                    options.Converters.Insert(0, new BoundedQuantityJsonConverter());
                    var times = options.Converters.OfType<JsonConverter<DateTime>>().FirstOrDefault()
                        ?? throw new InvalidOperationException("KubernetesJson has no DateTime converter to wrap");
                    options.Converters.Insert(0, new ApiServerDateTimeConverter(times));
                    options.Converters.Insert(0, new ApiServerIntegerConverter<int>());
                    options.Converters.Insert(0, new ApiServerIntegerConverter<long>());
                });
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException(
                    "KubernetesJson was used before SafeKubernetesJson.Install(); call it first thing in the process", e);
            }

            installed = true;
        }
    }
}
