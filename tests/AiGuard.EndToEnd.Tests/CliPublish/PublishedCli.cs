using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests.CliPublish;

/// <summary>
/// PublishedCli runs scripts/publish-cli.sh once per test class into a temp directory: the self-contained,
/// composite ReadyToRun <c>aiguard</c> that CI jobs run. The tests compare it with the framework-dependent build next
/// to them, which every other test runs.
/// </summary>
public sealed class PublishedCli : IAsyncLifetime
{
    // A cold publish builds the project graph and compiles the framework into one composite image: minutes on 2 cores.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    private string _directory = "";

    /// <summary>The published command, as the script printed it on its last line.</summary>
    public string Command { get; private set; } = "";

    /// <summary>The publish directory.</summary>
    public string Directory => Path.GetDirectoryName(Command)!;

    public async Task InitializeAsync()
    {
        _directory = System.IO.Directory.CreateTempSubdirectory("aiguard-cli-publish-").FullName;
        var publish = await KubeClientTools.RunAsync(RepositoryRoot.Combine("scripts", "publish-cli.sh"), ["--output", _directory], NoEnvironment, PublishTimeout);
        Assert.True(publish.ExitCode == 0, $"scripts/publish-cli.sh failed\n{publish}");
        Command = publish.StdOut.TrimEnd().Split('\n')[^1];
    }

    public Task DisposeAsync()
    {
        if (_directory.Length > 0)
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs the published command.</summary>
    public Task<ClientRun> RunAsync(params string[] arguments) =>
        KubeClientTools.RunAsync(Command, arguments, NoEnvironment, RunTimeout);

    /// <summary>Runs the framework-dependent build the tests reference: <c>dotnet aiguard.dll</c>.</summary>
    public static Task<ClientRun> RunBuiltAsync(params string[] arguments) =>
        KubeClientTools.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "aiguard.dll"), .. arguments], NoEnvironment, RunTimeout);
}
