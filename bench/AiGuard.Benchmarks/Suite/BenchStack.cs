using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s;
using k8s.Models;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// BenchStack is one scenario's world: a fresh sandbox process prepared with the CRDs, the ten bench namespaces and
/// the GuardPolicy, one or two operator processes, and a tracker of every ModelDeployment's status.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private static readonly string[] OperatorNames = ["operator-a", "operator-b"];

    private const int Creators = 4;

    private BenchStack(SandboxProcess sandbox, string dll, SuiteOptions options)
    {
        Sandbox = sandbox;
        Dll = dll;
        Options = options;
    }

    public SandboxProcess Sandbox { get; }

    public string Dll { get; }

    public SuiteOptions Options { get; }

    public List<OperatorProcess> Operators { get; } = [];

    public ObjectTracker<ModelState> Models { get; private set; } = null!;

    /// <summary>Starts the sandbox, prepares it, starts <paramref name="operators"/> operators (leader-elected when more than one).</summary>
    public static async Task<BenchStack> StartAsync(SuiteOptions options, int operators = 1)
    {
        var dll = await CliLocator.FindOrBuildAsync();
        var sandbox = await SandboxProcess.StartAsync(dll);
        var stack = new BenchStack(sandbox, dll, options);
        try
        {
            await BenchCluster.PrepareAsync(sandbox.Client);
            await sandbox.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = OperatorProcess.Namespace } });
            stack.Models = await ObjectTracker<ModelState>.StartAsync(sandbox.CreateHttpClient(), ModelState.Path, ModelState.From);
            var lease = operators > 1 ? options.Lease : null;
            foreach (var name in OperatorNames.Take(operators))
            {
                stack.Operators.Add(await OperatorProcess.StartAsync(dll, sandbox, name, options.Workers, lease));
            }

            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The create requests' bodies for models <paramref name="from"/>..from+count-1, serialized before a clock starts:
    /// the creates are the scenario's input, and what the benchmark spends on them is not the operator's.
    /// </summary>
    public static IReadOnlyList<(string Namespace, byte[] Body)> CreateBodies(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => (BenchFleet.Namespace(i), Encoding.UTF8.GetBytes(KubernetesJson.Serialize(BenchFleet.Model(i)))))];

    /// <summary>Creates models <paramref name="from"/>..from+count-1 with four concurrent creators.</summary>
    public Task CreateModelsAsync(int from, int count) => CreateModelsAsync(CreateBodies(from, count));

    /// <summary>
    /// Sends <paramref name="bodies"/> from four concurrent bare HTTP clients, as the floor sends its writes: a typed
    /// client would also parse every answer, CPU the operator and the sandbox then cannot use.
    /// </summary>
    public async Task CreateModelsAsync(IReadOnlyList<(string Namespace, byte[] Body)> bodies)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Creators).Select(_ => Task.Run(async () =>
        {
            using var http = Sandbox.CreateHttpClient();
            for (var i = Interlocked.Increment(ref next); i < bodies.Count; i = Interlocked.Increment(ref next))
            {
                var (ns, body) = bodies[i];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(new Uri($"/apis/{ApiGroup.Group}/{ApiGroup.Version}/namespaces/{ns}/{ModelDeployment.Plural}", UriKind.Relative), content);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"creating a ModelDeployment in {ns} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
    }

    /// <summary>Waits until every model is settled; the elapsed time, or null (with a report) at the limit.</summary>
    public Task<TimeSpan?> WaitSettledAsync(int models, Func<int, string> expected, Stopwatch clock) =>
        WaitSettledAsync(0, models, expected, clock);

    /// <summary>Waits until models <paramref name="from"/>..from+count-1 are settled; the elapsed time, or null (with a report) at the limit.</summary>
    public async Task<TimeSpan?> WaitSettledAsync(int from, int count, Func<int, string> expected, Stopwatch clock)
    {
        var limit = clock.Elapsed + Options.WaitLimit;
        using var settled = new SettledModels(Models, from, count, expected);
        while (settled.Count < count)
        {
            if (clock.Elapsed > limit)
            {
                Console.WriteLine($"   NOT settled within {Options.WaitLimit.TotalSeconds:0} s: {settled.Count}/{count}; phases: {Phases()}");
                foreach (var op in Operators)
                {
                    Console.WriteLine(op.Process.Tail(10));
                }

                return null;
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    /// <summary>Creates the fleet and waits until it converged; the time from the first create, or null.</summary>
    public async Task<TimeSpan?> ConvergeAsync(int models)
    {
        var bodies = CreateBodies(0, models);
        var clock = Stopwatch.StartNew();
        await CreateModelsAsync(bodies);
        return await WaitSettledAsync(models, BenchFleet.ExpectedBefore, clock);
    }

    /// <summary>Every model's generation equals its observedGeneration (whatever the phase).</summary>
    public bool AllObserved() => Models.Objects.Values.All(m => m.ObservedGeneration == m.Generation);

    public string Phases() => string.Join(", ", Models.Objects.Values.GroupBy(m => m.Phase ?? "(none)")
        .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>The operator that currently leads, or null during a handover.</summary>
    public async Task<OperatorProcess?> LeaderAsync()
    {
        foreach (var op in Operators.Where(o => !o.Process.HasExited))
        {
            if (await op.IsLeaderAsync())
            {
                return op;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var op in Operators)
        {
            await op.DisposeAsync();
        }

        if (Models is not null)
        {
            await Models.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
    }
}
