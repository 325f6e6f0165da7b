using System.CommandLine;
using AiGuard.Cli.Commands;
using AiGuard.Cli.Tests.Audit;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Tests.Adopt;

/// <summary>
/// AdoptCluster is a sandbox API server with the committed CRDs, a namespace <see cref="Ns"/> and a kubeconfig file,
/// and runs <c>aiguard adopt</c> against it in-process.
/// </summary>
internal sealed class AdoptCluster : IAsyncLifetime
{
    public const string Ns = "ml";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiguard-adopt-" + Guid.NewGuid().ToString("N"));
    private SandboxServer? _sandbox;

    public Kubernetes Client { get; private set; } = null!;

    public string Kubeconfig => Path.Combine(_directory, "kubeconfig");

    public string Directory => _directory;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_directory);
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        Client = _sandbox.CreateClient();
        foreach (var file in System.IO.Directory.GetFiles(AiGuard.Testing.RepositoryRoot.Combine("config", "crd", "bases"), "*.yaml").Order(StringComparer.Ordinal))
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file)));
        }

        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        _sandbox.WriteKubeconfig(Kubeconfig);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        System.IO.Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Runs <c>aiguard adopt ARGS --kubeconfig K</c>.</summary>
    public async Task<CliOutcome> AdoptAsync(params string[] args)
    {
        var root = new RootCommand("aiguard") { AdoptCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args.Contains("--kubeconfig") ? ["adopt", .. args] : ["adopt", .. args, "--kubeconfig", Kubeconfig]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }
}
