namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// Writes the kubeconfig for a sandbox: its HTTPS address with the serving certificate as authority and a bearer token (the per-run admin token unless another is
/// given). The file is created readable by its owner only, because the token is a credential.
/// </summary>
internal static class Kubeconfig
{
    public static string Write(string path, Uri server, string certificateAuthorityData, string token, string defaultNamespace)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var text = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: aiguard-sandbox
              cluster:
                server: {{server.ToString().TrimEnd('/')}}
                certificate-authority-data: {{certificateAuthorityData}}
            contexts:
            - name: aiguard-sandbox
              context:
                cluster: aiguard-sandbox
                user: aiguard-sandbox
                namespace: {{defaultNamespace}}
            current-context: aiguard-sandbox
            users:
            - name: aiguard-sandbox
              user:
                token: {{token}}

            """;
        File.WriteAllText(full, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(full, text);
        return full;
    }
}
