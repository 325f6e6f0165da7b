namespace AiGuard.EndToEnd.Tests.ContainerImage;

/// <summary>
/// The files a pod's service account volume holds (token, ca.crt, namespace), in a temp directory that
/// <see cref="ChrootedContainer"/> mounts read-only at /var/run/secrets/kubernetes.io/serviceaccount.
/// </summary>
internal sealed class ServiceAccountDirectory : IDisposable
{
    public ServiceAccountDirectory(string caCertificatePem, string podNamespace, string token = "unused-token")
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a service account mount needs Linux file modes");
        }

        Path = Directory.CreateTempSubdirectory("aiguard-service-account-").FullName;
        Write("token", token);
        Write("ca.crt", caCertificatePem);
        Write("namespace", podNamespace);
        // The directory must be traversable by UID 65532, as the kubelet's projected volume is.
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void Write(string name, string content)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a service account mount needs Linux file modes");
        }

        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
