using AiGuard.Operator.Controllers;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// OperatorInNamespace is the fixture most controller tests share: a sandbox with the CRDs, a running operator and
/// one namespace of their own. Derived classes add their setup by overriding <see cref="InitializeAsync"/>.
/// </summary>
public abstract class OperatorInNamespace(string @namespace) : IAsyncLifetime
{
    /// <summary>The sandbox, the operator and helpers to create objects and wait for phases.</summary>
    protected OperatorHarness Harness { get; private set; } = null!;

    /// <summary>Operator options of this fixture's operator (null: the defaults).</summary>
    protected virtual OperatorCoreOptions? Options => null;

    public virtual async Task InitializeAsync()
    {
        Harness = await OperatorHarness.StartAsync(options: Options);
        await Harness.CreateNamespaceAsync(@namespace);
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
