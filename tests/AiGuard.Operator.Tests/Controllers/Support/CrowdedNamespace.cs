namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// One operator over a namespace of <see cref="Models"/> converged ModelDeployments (<c>m-000</c> ...), shared by the
/// tests of one class: building the crowd costs far more than any one test.
/// </summary>
public sealed class CrowdedNamespace : IAsyncLifetime
{
    public const string Ns = "ml-crowd";
    public const int Models = 200;

    public OperatorHarness Harness { get; private set; } = null!;

    public static string Name(int i) => $"m-{i:000}";

    public async Task InitializeAsync()
    {
        Harness = await OperatorHarness.StartAsync(simulateWorkloads: false);
        await Harness.CreateNamespaceAsync(Ns);
        for (var i = 0; i < Models; i++)
        {
            await Harness.CreateAsync(TestModels.Compliant(Ns, Name(i)));
        }

        await Harness.WaitForModelAsync(Ns, Name(Models - 1), m => m.Status?.ObservedGeneration == m.Metadata.Generation, "the last model evaluated",
            TimeSpan.FromMinutes(3));
        await Quiescence.WaitAsync(Harness.Core, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
