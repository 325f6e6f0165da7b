using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using k8s;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// SandboxProcess is <c>aiguard sandbox --simulate-workloads</c> running as its own process on 127.0.0.1, with the
/// clients the benchmark talks to it through (all counted by <see cref="BenchRequestCounter"/>): a KubernetesClient, a
/// raw HTTP client for watches, /metrics and the /sandbox/faults admin API. Everything runs over plain HTTP with the
/// admin token, the operator included, so the write floor and the operator pay the same transport.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly string directory;

    private SandboxProcess(ChildProcess process, string directory, Uri address, string token)
    {
        this.process = process;
        this.directory = directory;
        Address = address;
        Token = token;
        Http = CreateHttpClient();
        Client = CreateClient();
    }

    public Uri Address { get; }

    public string Token { get; }

    /// <summary>The benchmark's own requests by verb (create, patch, delete, read, watch, ...).</summary>
    public ConcurrentDictionary<string, long> BenchRequests { get; } = new(StringComparer.Ordinal);

    public HttpClient Http { get; }

    public Kubernetes Client { get; }

    public ChildProcess Process => process;

    public static async Task<SandboxProcess> StartAsync(string dll)
    {
        var directory = Directory.CreateTempSubdirectory("aiguard-bench-").FullName;
        var port = FreePort.Next();
        var kubeconfig = Path.Combine(directory, "admin.kubeconfig");
        var child = ChildProcess.Start("sandbox", dll,
            ["sandbox", "--port", port.ToString(CultureInfo.InvariantCulture), "--kubeconfig", kubeconfig, "--simulate-workloads"]);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(kubeconfig) || new FileInfo(kubeconfig).Length == 0)
        {
            if (child.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                var tail = child.Tail();
                await child.DisposeAsync();
                throw new InvalidOperationException($"the sandbox did not start within 60 s:{Environment.NewLine}{tail}");
            }

            await Task.Delay(50);
        }

        // The kubeconfig is written once the server listens; its token is the per-run admin token.
        await Task.Delay(100);
        var token = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).AccessToken;
        return new SandboxProcess(child, directory, new Uri($"http://127.0.0.1:{port}"), token);
    }

    /// <summary>A kubeconfig for an operator process: this sandbox over plain HTTP with the admin token (mode 600).</summary>
    public string WriteOperatorKubeconfig(string name)
    {
        var path = Path.Combine(directory, name + ".kubeconfig");
        // Created owner-only before the token is written into it.
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, create);
        writer.Write($"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {Address.ToString().TrimEnd('/')}
            users:
            - name: admin
              user:
                token: {Token}
            contexts:
            - name: sandbox
              context:
                cluster: sandbox
                user: admin
            current-context: sandbox
            """);
        return path;
    }

    /// <summary>A fresh KubernetesClient (its own connections), e.g. one per floor writer.</summary>
    public Kubernetes CreateClient() => new(
        new KubernetesClientConfiguration { Host = Address.ToString().TrimEnd('/'), AccessToken = Token },
        new BenchRequestCounter(BenchRequests));

    public HttpClient CreateHttpClient()
    {
        var http = new HttpClient(new BenchRequestCounter(BenchRequests, new SocketsHttpHandler { MaxConnectionsPerServer = 64 })) { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary>The sandbox's request counters now (the scrape itself is not an API request).</summary>
    public async Task<PrometheusSamples> ScrapeAsync() => PrometheusSamples.Parse(await Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    /// <summary>Ends every open watch; returns how many were open.</summary>
    public Task<int> CloseWatchesAsync() => AdminAsync("/sandbox/faults/close-watches", "closed");

    /// <summary>Answers the next <paramref name="count"/> WATCH and LIST requests with 410 Expired.</summary>
    public Task<int> ExpireNextAsync(int count) => AdminAsync($"/sandbox/faults/expire?count={count}", "armed");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await process.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless; the token in it died with the sandbox.
        }
    }

    private async Task<int> AdminAsync(string path, string field)
    {
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty(field).GetInt32();
    }
}
