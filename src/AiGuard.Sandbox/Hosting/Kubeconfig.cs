namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// Writes the kubeconfig for a sandbox: plain http and a placeholder bearer token. The sandbox does not
/// authenticate, but KubernetesClient refuses a user entry without credentials, and kubectl ignores the token.
/// </summary>
internal static class Kubeconfig
{
    public static string Write(string path, Uri server)
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
            contexts:
            - name: aiguard-sandbox
              context:
                cluster: aiguard-sandbox
                user: aiguard-sandbox
                namespace: default
            current-context: aiguard-sandbox
            users:
            - name: aiguard-sandbox
              user:
                token: aiguard-sandbox-no-auth

            """;
        File.WriteAllText(full, text);
        return full;
    }
}
