using AiGuard.Operator.Sealing;

namespace AiGuard.Operator.Tests.Sealing;

public sealed class OperatorNamespaceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aiguard-ns-").FullName;

    [Fact]
    public void The_pods_own_namespace_wins_in_a_cluster()
    {
        var file = Path.Combine(_dir, "namespace");
        File.WriteAllText(file, "guard-ops\n");

        Assert.Equal("guard-ops", OperatorNamespace.Resolve("from-flag", file));
    }

    [Fact]
    public void Outside_a_cluster_the_configured_namespace_is_used()
    {
        Assert.Equal("from-flag", OperatorNamespace.Resolve("from-flag", Path.Combine(_dir, "absent")));
    }

    [Fact]
    public void Without_a_flag_the_default_is_aiguard_system()
    {
        Assert.Equal("aiguard-system", OperatorNamespace.Resolve(null, Path.Combine(_dir, "absent")));
        Assert.Equal("aiguard-system", new SealingOptions().OperatorNamespace);
        Assert.Equal(TimeSpan.FromDays(30), new SealingOptions().RenewalInterval);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
