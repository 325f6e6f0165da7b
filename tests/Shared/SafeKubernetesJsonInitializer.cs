using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using AiGuard.Api.Quantities;

namespace AiGuard.Testing;

/// <summary>
/// Compiled into every test assembly (Directory.Build.props links it): installs the bounded quantity converter
/// before any test touches KubernetesJson, as the CLI's Main does in production, so tests run the same readers.
/// </summary>
internal static class SafeKubernetesJsonInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The ModuleInitializer attribute should not be used in libraries",
        Justification = "A test assembly is the process's entry point for its tests; this is its Main.")]
    internal static void Initialize() => SafeKubernetesJson.Install();
}
