using System.Diagnostics;
using AiGuard.Testing;

namespace AiGuard.Sandbox.Tests.Clients;

/// <summary>
/// Locates the real Kubernetes clients the sandbox is tested against and runs them as processes: kubectl 1.35 and
/// helm 4.1.4 from <c>.tools/</c> (installed on first use by <see cref="KubeClientInstallation"/>, which runs
/// scripts/install-kube-clients.sh) and the system <c>/usr/bin/kubectl</c>, a dispatcher that picks a kubectl by
/// the server's <c>/version</c> minor. A missing tool fails the test with the install instruction; it never passes silently.
/// </summary>
public static class KubeClientTools
{
    private const string InstallHint = "run scripts/install-kube-clients.sh from the repository root";

    /// <summary>The directory holding AiGuardOperator.sln.</summary>
    public static string RepoRoot => RepositoryRoot.Path;

    /// <summary>kubectl 1.35 installed in .tools/.</summary>
    public static string Kubectl => Require(Path.Combine(KubeClientInstallation.ToolsDirectory, "kubectl"), "kubectl 1.35");

    /// <summary>helm 4.1.4 installed in .tools/.</summary>
    public static string Helm => Require(Path.Combine(KubeClientInstallation.ToolsDirectory, "helm"), "helm 4.1.4");

    /// <summary>The machine's kubectl version dispatcher (1.29/1.30/1.32/1.33 chosen by the server's /version).</summary>
    public static string SystemKubectl => Require("/usr/bin/kubectl", "the system kubectl dispatcher");

    /// <summary>Returns <paramref name="path"/> when it is an existing file, else fails with the install instruction.</summary>
    public static string Require(string path, string description) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{description} not found at {path}: {InstallHint}");

    /// <summary>
    /// Runs <paramref name="executable"/> with <paramref name="arguments"/> and the given environment; kills the
    /// process tree and throws <see cref="TimeoutException"/> (with both outputs so far) after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ClientRun> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        string? standardInput = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never let the developer's cluster or proxy settings leak into a test.
        foreach (var inherited in new[] { "KUBECONFIG", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "HELM_KUBECONTEXT" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var partial = new ClientRun(-1, await stdout, await stderr);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0.#} s\n{partial}");
        }

        return new ClientRun(process.ExitCode, await stdout, await stderr);
    }
}
