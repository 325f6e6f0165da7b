using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Demo;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Tests.Report;

/// <summary>
/// ReportSandbox is an in-memory API server with the committed CRDs, where a test writes ModelDeployments with the
/// status an operator would have written (so each outcome is known exactly), GuardExceptions and workloads, and
/// a kubeconfig for <c>aiguard report --kubeconfig</c>.
/// </summary>
internal sealed class ReportSandbox : IAsyncDisposable
{
    public const string Image = "ghcr.io/acme/triton:24.08-py3@sha256:946b17aac5d00991806e4ae0581c5a87c856cc9a9134bc9cb7cd0a1aa85ac57f";
    private const string ModelSha = "5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29";

    private readonly List<string> _files = [];

    private ReportSandbox(SandboxServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
    }

    public SandboxServer Server { get; }

    /// <summary>The admin client the test arranges the cluster with.</summary>
    public Kubernetes Client { get; }

    public static async Task<ReportSandbox> StartAsync(SandboxOptions? options = null)
    {
        var server = await SandboxServer.StartAsync(options ?? new SandboxOptions());
        var client = server.CreateClient();
        var applier = new ManifestApplier(client);
        foreach (var (file, yaml) in DemoManifests.Crds)
        {
            foreach (var crd in ManifestApplier.Parse(file, yaml))
            {
                await applier.ApplyAsync(crd, CancellationToken.None);
            }
        }

        return new ReportSandbox(server, client);
    }

    /// <summary>Writes a kubeconfig whose context namespace is <paramref name="contextNamespace"/>; returns its path.</summary>
    public string Kubeconfig(string contextNamespace = "default", string? token = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiguard-report-kubeconfig-{Guid.NewGuid():N}");
        _files.Add(path);
        return Server.WriteKubeconfig(path, token, contextNamespace);
    }

    public async Task NamespaceAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        }
    }

    /// <summary>Creates a valid ModelDeployment and, unless <paramref name="phase"/> is null, writes its status for the current generation.</summary>
    public async Task ModelAsync(string ns, string name, string? phase, int? score = null, params Finding[] findings)
    {
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
            new ModelDeployment
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new ModelDeploymentSpec
                {
                    Owner = "team-ml@example.com",
                    RiskLevel = RiskLevels.Limited,
                    Model = new ModelSource { Uri = $"s3://models/{name}/model.onnx", Sha256 = ModelSha },
                    Serving = new ServingSpec { Image = Image, Port = 8000 },
                },
            },
            ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural);
        if (phase is null)
        {
            return;
        }

        created.Status = new ModelDeploymentStatus
        {
            ObservedGeneration = created.Metadata.Generation,
            Phase = phase,
            ComplianceScore = score,
            Enforcement = EnforcementModes.Enforce,
            Findings = [.. findings],
            Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = phase == Phases.Compliant ? "True" : "False", Reason = phase, Message = phase, LastTransitionTime = DateTime.UtcNow }],
        };
        await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(created, ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name);
    }

    public async Task ExceptionAsync(string ns, string name, DateTimeOffset expiresAt, string control, string model, string approvedBy = "security-review@example.com") =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync<GuardException>(
            new GuardException
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new GuardExceptionSpec
                {
                    ModelDeployments = [model],
                    Controls = [control],
                    Justification = "Revalidation of the model is scheduled before the upgrade (MRM-2291).",
                    ApprovedBy = approvedBy,
                    ExpiresAt = expiresAt.UtcDateTime,
                },
            },
            ApiGroup.Group, ApiGroup.Version, ns, GuardException.Plural);

    /// <summary>A plain Deployment running <paramref name="image"/>, as a team deploys a model server without a ModelDeployment.</summary>
    public async Task DeploymentAsync(string ns, string name, string image)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        await Client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new V1DeploymentSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "server", Image = image }] },
                    },
                },
            },
            ns);
    }

    /// <summary>A CronJob running <paramref name="image"/>; returns its uid.</summary>
    public async Task<string> CronJobAsync(string ns, string name, string image) =>
        (await Client.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new V1CronJobSpec
                {
                    Schedule = "*/5 * * * *",
                    JobTemplate = new V1JobTemplateSpec { Spec = JobSpec(image) },
                },
            },
            ns)).Metadata.Uid;

    /// <summary>A Job running <paramref name="image"/>, controlled by the CronJob <paramref name="cronJob"/> (name, uid) when given.</summary>
    public async Task JobAsync(string ns, string name, string image, (string Name, string Uid)? cronJob = null) =>
        await Client.BatchV1.CreateNamespacedJobAsync(
            new V1Job
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = ns,
                    OwnerReferences = cronJob is { } owner
                        ? [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = owner.Name, Uid = owner.Uid, Controller = true }]
                        : null,
                },
                Spec = JobSpec(image),
            },
            ns);

    private static V1JobSpec JobSpec(string image) => new()
    {
        Template = new V1PodTemplateSpec
        {
            Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "server", Image = image }] },
        },
    };

    public static Finding Finding(string control, string severity, string message, bool waived = false) => new()
    {
        Control = control,
        Severity = severity,
        Message = message,
        Remediation = "fix it",
        Waived = waived,
        WaivedBy = waived ? "waiver" : null,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }
}
