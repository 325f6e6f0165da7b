using System.Text.Json;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests.ContainerImage;

/// <summary>
/// BuiltImage builds the operator image once per test class with scripts/build-image.sh, reads its configuration
/// with <c>podman image inspect</c>, and exports its root filesystem (<c>podman create</c> + <c>podman export</c>)
/// into a temp directory, where the tests run it the way a container runtime would. Nothing is built when the
/// host lacks the tools (the tests are then skipped outside CI).
/// </summary>
public sealed class BuiltImage : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private string? _workDirectory;

    /// <summary>The image reference the script printed, e.g. <c>ghcr.io/aiguard/aiguard-operator:0.2.0</c>.</summary>
    public string Reference { get; private set; } = "";

    /// <summary>The image's OCI config (<c>.Config</c> of <c>podman image inspect</c>): User, Env, Entrypoint, Cmd, Labels.</summary>
    public JsonElement ImageConfig { get; private set; }

    /// <summary>The exported root filesystem; tests must not write into it.</summary>
    public string RootFs { get; private set; } = "";

    /// <summary>The build script's output, for failure messages and the report of what the build took.</summary>
    public string BuildLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (HostTools.Find("podman") is null || HostTools.Find("mmdebstrap") is null)
        {
            return;
        }

        var build = await Run(RepositoryRoot.Combine("scripts", "build-image.sh"), []);
        BuildLog = build.ToString();
        Reference = build.StdOut.TrimEnd().Split('\n')[^1];
        var inspect = await Run("podman", ["image", "inspect", Reference]);
        ImageConfig = JsonDocument.Parse(inspect.StdOut).RootElement[0].GetProperty("Config").Clone();

        _workDirectory = Directory.CreateTempSubdirectory("aiguard-image-test-").FullName;
        RootFs = Directory.CreateDirectory(Path.Combine(_workDirectory, "rootfs")).FullName;
        var container = (await Run("podman", ["create", Reference])).StdOut.Trim();
        try
        {
            var archive = Path.Combine(_workDirectory, "rootfs.tar");
            await Run("podman", ["export", "--output", archive, container]);
            await Run("tar", ["--numeric-owner", "-xf", archive, "-C", RootFs]);
            File.Delete(archive);
        }
        finally
        {
            await Run("podman", ["rm", container]);
        }
    }

    public Task DisposeAsync()
    {
        if (_workDirectory is not null)
        {
            Directory.Delete(_workDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The values of the image's Env as name/value pairs.</summary>
    public IEnumerable<string> Environment => ImageConfig.GetProperty("Env").EnumerateArray().Select(e => e.GetString()!);

    /// <summary>Entrypoint followed by Cmd: what the container runs without arguments.</summary>
    public IReadOnlyList<string> Command => [.. Strings("Entrypoint"), .. Strings("Cmd")];

    /// <summary>The label <paramref name="name"/>, or null.</summary>
    public string? Label(string name) =>
        ImageConfig.TryGetProperty("Labels", out var labels) && labels.TryGetProperty(name, out var value) ? value.GetString() : null;

    private IEnumerable<string> Strings(string property) =>
        ImageConfig.TryGetProperty(property, out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(v => v.GetString()!)
            : [];

    private static async Task<ClientRun> Run(string executable, string[] arguments)
    {
        var run = await KubeClientTools.RunAsync(executable, arguments, new Dictionary<string, string>(), BuildTimeout);
        return run.ExitCode == 0
            ? run
            : throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed\n{run}");
    }
}
