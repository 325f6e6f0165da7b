using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AiGuard.Testing;

/// <summary>
/// KubeClientInstallation makes the real clients the tests run (kubectl 1.35, helm 4.1.4) present in <c>.tools/</c>
/// without a manual step: the first test that needs them runs scripts/install-kube-clients.sh, once per process and
/// under a cross-process file lock, because <c>dotnet test</c> runs test projects as parallel processes that would
/// otherwise download and write the same files at once. The script is idempotent (a no-op when the right versions are
/// installed). A failure throws with the script's whole output; it never lets a test pass without the tools.
/// </summary>
public static class KubeClientInstallation
{
    private const string Script = "scripts/install-kube-clients.sh";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The directory holding kubectl and helm, installed on first use.</summary>
    public static string ToolsDirectory => Installed.Value;

    /// <summary>
    /// The lock file: outside the checkout (nothing to ignore or clean), one per checkout so separate clones do not
    /// wait on each other.
    /// </summary>
    public static string LockPath
    {
        get
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RepositoryRoot.Path)))[..16];
            return Path.Combine(Path.GetTempPath(), $"aiguard-kube-clients-{hash}.lock");
        }
    }

    private static string Install()
    {
        using (AcquireLock())
        {
            var (exitCode, output) = RunScript();
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"the tests need kubectl 1.35 and helm 4.1.4, and `bash {Script}` failed (exit code {exitCode}); its output:\n{output}");
            }
        }

        return RepositoryRoot.Combine(".tools");
    }

    // .NET takes an exclusive advisory lock (flock) for FileShare.None on Unix, so other processes fail to open the file
    // until this one disposes it; they retry until the installing process is done.
    private static FileStream AcquireLock()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < LockTimeout)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static (int ExitCode, string Output) RunScript()
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine(Script));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start bash {Script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InstallTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {InstallTimeout.TotalMinutes:0} minutes\n{stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
