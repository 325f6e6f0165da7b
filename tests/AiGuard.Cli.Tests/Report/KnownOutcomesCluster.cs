using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Cli.Tests.Report;

/// <summary>
/// KnownOutcomesCluster is one sandbox arranged once for the report tests that only read: five models in two
/// namespaces with statuses whose every count is known, two GuardExceptions (3 and 30 days left), a vLLM Deployment
/// nothing guards and an nginx Deployment that is no AI workload.
/// </summary>
public sealed class KnownOutcomesCluster : IAsyncLifetime
{
    private ReportSandbox? _sandbox;

    internal ReportSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("not started");

    /// <summary>A kubeconfig whose context namespace is default (which has no model).</summary>
    public string Kubeconfig { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _sandbox = await ReportSandbox.StartAsync();
        await Sandbox.NamespaceAsync("ml-prod", "research");
        await Sandbox.ModelAsync("ml-prod", "chat", Phases.Blocked, 40,
            ReportSandbox.Finding("AIG-IMG-03", Severities.Critical, "image vllm/vllm-openai:latest cannot be shown to be patched"),
            ReportSandbox.Finding("AIG-NET-01", Severities.High, "spec.network.ingress[0] has no 'from'"),
            ReportSandbox.Finding("AIG-POD-01", Severities.Medium, "readOnlyRootFilesystem is false"));
        await Sandbox.ModelAsync("ml-prod", "scorer", Phases.Compliant, 100);
        await Sandbox.ModelAsync("ml-prod", "ranker", Phases.Compliant, 100,
            ReportSandbox.Finding("AIG-IMG-02", Severities.Medium, "image has no digest", waived: true));
        await Sandbox.ModelAsync("research", "summarizer", Phases.NonCompliant, 85,
            ReportSandbox.Finding("AIG-SEC-01", Severities.High, "spec.secrets[0] is not sealed"));
        await Sandbox.ModelAsync("research", "fresh", phase: null);
        await Sandbox.ExceptionAsync("ml-prod", "ranker-pin", ReportCli.Now.AddDays(3), "AIG-IMG-02", "ranker");
        await Sandbox.ExceptionAsync("research", "long-waiver", ReportCli.Now.AddDays(30), "AIG-SEC-01", "summarizer");
        await Sandbox.DeploymentAsync("ml-prod", "vllm-shadow", "vllm/vllm-openai:v0.6.4");
        await Sandbox.DeploymentAsync("ml-prod", "web", "nginx:1.27");
        Kubeconfig = Sandbox.Kubeconfig();
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
