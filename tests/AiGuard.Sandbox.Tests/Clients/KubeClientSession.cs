namespace AiGuard.Sandbox.Tests.Clients;

/// <summary>
/// An isolated client environment for one test: its own HOME, kubectl discovery cache (<c>--cache-dir</c>), helm
/// config/cache/data directories and kubeconfig, all in a temp directory deleted on dispose.
/// </summary>
public sealed class KubeClientSession : IDisposable
{
    /// <summary>Creates the session; <paramref name="kubeconfigPath"/> may be written later with <see cref="WriteKubeconfig"/>.</summary>
    public KubeClientSession(string? kubeconfigPath = null, TimeSpan? timeout = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aiguard-kube-client-").FullName;
        Home = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "home")).FullName;
        CacheDir = Path.Combine(Directory, "kube-cache");
        KubeconfigPath = kubeconfigPath ?? Path.Combine(Directory, "kubeconfig");
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    public string Directory { get; }

    public string Home { get; }

    public string CacheDir { get; }

    public string KubeconfigPath { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// Writes a kubeconfig for <paramref name="sandbox"/> (its HTTPS address, trusting its certificate) that
    /// authenticates with <paramref name="token"/>: the admin token by default, or a ServiceAccount or token-file token.
    /// </summary>
    public void WriteKubeconfig(SandboxServer sandbox, string? token = null, string defaultNamespace = "default") =>
        sandbox.WriteKubeconfig(KubeconfigPath, token, defaultNamespace);

    /// <summary>
    /// Writes a kubeconfig for a plain-HTTP stub server with one context named <c>sandbox</c>. kubectl sends no
    /// credentials over plain HTTP, so the token is a placeholder.
    /// </summary>
    public void WriteKubeconfig(string serverUrl, string defaultNamespace = "default") =>
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {serverUrl}
            users:
            - name: sandbox
              user:
                token: sandbox
            contexts:
            - name: sandbox
              context:
                cluster: sandbox
                user: sandbox
                namespace: {defaultNamespace}
            current-context: sandbox
            """);

    /// <summary>Runs kubectl 1.35 from .tools/.</summary>
    public Task<ClientRun> KubectlAsync(params string[] arguments) => RunKubectlAsync(KubeClientTools.Kubectl, arguments);

    /// <summary>Runs the system kubectl dispatcher (the server's /version picks the real kubectl).</summary>
    public Task<ClientRun> SystemKubectlAsync(params string[] arguments) => RunKubectlAsync(KubeClientTools.SystemKubectl, arguments);

    /// <summary>Runs helm 4.1.4 from .tools/.</summary>
    public Task<ClientRun> HelmAsync(params string[] arguments) =>
        KubeClientTools.RunAsync(KubeClientTools.Helm, arguments, Environment(), Timeout);

    /// <summary>Runs any client executable in this session's environment.</summary>
    public Task<ClientRun> RunAsync(string executable, IEnumerable<string> arguments, string? standardInput = null) =>
        KubeClientTools.RunAsync(executable, arguments, Environment(), Timeout, standardInput);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A client still holding a file must not fail the test; the OS cleans temp eventually.
        }
    }

    private Task<ClientRun> RunKubectlAsync(string kubectl, string[] arguments) =>
        KubeClientTools.RunAsync(kubectl, ["--cache-dir", CacheDir, .. arguments], Environment(), Timeout);

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = Home,
        ["KUBECONFIG"] = KubeconfigPath,
        ["KUBECACHEDIR"] = CacheDir,
        ["HELM_CACHE_HOME"] = Path.Combine(Directory, "helm-cache"),
        ["HELM_CONFIG_HOME"] = Path.Combine(Directory, "helm-config"),
        ["HELM_DATA_HOME"] = Path.Combine(Directory, "helm-data"),
    };
}
