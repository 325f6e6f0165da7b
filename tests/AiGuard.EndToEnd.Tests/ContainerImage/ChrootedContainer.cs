using System.Diagnostics;

namespace AiGuard.EndToEnd.Tests.ContainerImage;

/// <summary>
/// ChrootedContainer runs an exported image the way a kubelet would with <c>readOnlyRootFilesystem: true</c>, but
/// without a container runtime (crun cannot run on these machines): in its own mount namespace the root
/// filesystem is bind-mounted read-only, /proc, /dev, an emptyDir-like tmpfs on /tmp and the service account
/// directory are mounted on top, and the image's entrypoint runs under <c>chroot --userspec</c> as the image's
/// user, with only the image's environment plus what the pod adds (KUBERNETES_SERVICE_HOST/PORT).
/// </summary>
internal sealed class ChrootedContainer : IAsyncDisposable
{
    /// <summary>Where Kubernetes mounts a pod's service account token, CA and namespace.</summary>
    public const string ServiceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    // Runs as root on the host inside `unshare --mount`; the mounts vanish with the namespace when the process ends.
    // Exit 97 means the setup, not the image, failed.
    private const string Setup = """
        set -eu
        root=$1 account=$2
        shift 2
        mount --bind "$root" "$root"
        mount -o remount,bind,ro "$root"
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs -o mode=1777,size=64m tmpfs "$root/tmp"
        mount --bind "$account" "$root/var/run/secrets/kubernetes.io/serviceaccount"
        mount -o remount,bind,ro "$root/var/run/secrets/kubernetes.io/serviceaccount"
        if touch "$root/.write-probe" 2>/dev/null; then echo "setup: the root filesystem is writable" >&2; exit 97; fi
        exec env -i "$@"
        """;

    private readonly Process _process;
    private readonly ProcessOutput _output;

    private ChrootedContainer(Process process)
    {
        _process = process;
        _output = ProcessOutput.Of(process);
    }

    /// <summary>Everything the container printed so far (stdout and stderr interleaved).</summary>
    public string Output => _output.Text;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <see cref="BuiltImage.Command"/> (plus <paramref name="environment"/>) from <paramref name="image"/>
    /// with <paramref name="serviceAccount"/> mounted at <see cref="ServiceAccountPath"/>.
    /// </summary>
    public static ChrootedContainer Start(BuiltImage image, string serviceAccount, IEnumerable<string> environment)
    {
        // Mount points are created before the root becomes read-only, as a runtime does; the image ships none of them
        // but /proc, /dev and /tmp.
        foreach (var mountPoint in new[] { "proc", "dev", "tmp", ServiceAccountPath.TrimStart('/') })
        {
            Directory.CreateDirectory(Path.Combine(image.RootFs, mountPoint));
        }

        var user = image.ImageConfig.GetProperty("User").GetString();
        var start = new ProcessStartInfo(HostTools.Require("unshare"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--mount", "--propagation", "private", "--", "sh", "-c", Setup, "setup", image.RootFs, serviceAccount,
            .. image.Environment, .. environment,
            HostTools.Require("chroot"), $"--userspec={user}", image.RootFs, .. image.Command,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ChrootedContainer(Process.Start(start) ?? throw new InvalidOperationException("could not start unshare"));
    }

    /// <summary>Sends SIGTERM (what a kubelet sends first) and returns the exit code, or kills it after <paramref name="grace"/>.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            // unshare, sh and env exec into one another, so this PID is the entrypoint's.
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            Assert.Fail($"the container did not stop within {grace.TotalSeconds:0} s of SIGTERM\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
