using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine;
using AiGuard.Engine.Inventory;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportCollector reads what the report needs with paged LISTs (<see cref="PageSize"/> objects a request), so a
/// namespace with thousands of models costs the API server bounded memory per request. It reads and never writes.
/// </summary>
public sealed class ReportCollector(Kubernetes client, Action<string> warn)
{
    /// <summary>Objects per LIST page, as kubectl and the operator's informers page.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// Lists the ModelDeployments, GuardExceptions (unless <paramref name="unmanagedOnly"/>) and the workloads of
    /// <paramref name="namespace"/> (null: all namespaces), keeping of the workloads only those no live
    /// ModelDeployment controls that run an inference server or ask for GPUs.
    /// </summary>
    /// <exception cref="ReportException">Forbidden (exit 3), the CRDs are missing, or the cluster failed (exit 1).</exception>
    public async Task<ClusterSnapshot> CollectAsync(string? @namespace, bool unmanagedOnly, CancellationToken cancellationToken)
    {
        var models = await ListAsync<ModelDeployment>(@namespace, cancellationToken).ConfigureAwait(false);
        var exceptions = unmanagedOnly ? [] : await ListAsync<GuardException>(@namespace, cancellationToken).ConfigureAwait(false);

        var extraImages = await InferenceImagesAsync(cancellationToken).ConfigureAwait(false);
        var detector = new InferenceWorkloadDetector(extraImages, models.Select(m => ModelDeploymentIdentity.Of(m)).OfType<ModelDeploymentIdentity>());
        var unmanaged = new List<UnmanagedWorkload>();
        void Detect(string kind, V1ObjectMeta metadata, V1PodSpec? spec)
        {
            if (detector.Detect(kind, metadata, spec) is { } workload)
            {
                unmanaged.Add(workload);
            }
        }

        await ForEachWorkloadAsync<V1Deployment>(@namespace, d => Detect(V1Deployment.KubeKind, d.Metadata, d.Spec?.Template?.Spec), cancellationToken).ConfigureAwait(false);
        await ForEachWorkloadAsync<V1StatefulSet>(@namespace, s => Detect(V1StatefulSet.KubeKind, s.Metadata, s.Spec?.Template?.Spec), cancellationToken).ConfigureAwait(false);
        await ForEachWorkloadAsync<V1DaemonSet>(@namespace, d => Detect(V1DaemonSet.KubeKind, d.Metadata, d.Spec?.Template?.Spec), cancellationToken).ConfigureAwait(false);
        await BatchWorkloadsAsync(@namespace, detector, unmanaged, cancellationToken).ConfigureAwait(false);
        await ForEachWorkloadAsync<V1Pod>(@namespace, p => Detect(V1Pod.KubeKind, p.Metadata, p.Spec), cancellationToken).ConfigureAwait(false);
        return new ClusterSnapshot(@namespace, models, exceptions, unmanaged);
    }

    // CronJobs (through their job template, so one is found between runs), then Jobs, as the operator's scan reads
    // them: a Job is left to its CronJob only when that CronJob, by name and uid, is itself reported
    // (ReportedCronJobs). A caller whose role predates these kinds (no list on batch) still gets the report, with a
    // warning, as for GuardPolicies.
    private async Task BatchWorkloadsAsync(string? @namespace, InferenceWorkloadDetector detector, List<UnmanagedWorkload> unmanaged, CancellationToken cancellationToken)
    {
        var cronJobs = new ReportedCronJobs();
        cronJobs.Begin();
        try
        {
            await ForEachWorkloadAsync<V1CronJob>(@namespace, c =>
            {
                if (detector.Detect(V1CronJob.KubeKind, c.Metadata, c.Spec?.JobTemplate?.Spec?.Template?.Spec) is { } workload)
                {
                    unmanaged.Add(workload);
                    cronJobs.Record(c.Metadata, workload);
                }
            }, cancellationToken).ConfigureAwait(false);
            cronJobs.Commit();
            await ForEachWorkloadAsync<V1Job>(@namespace, j =>
            {
                if (detector.Detect(V1Job.KubeKind, j.Metadata, j.Spec?.Template?.Spec) is { } workload && !cronJobs.Covers(j.Metadata, workload))
                {
                    unmanaged.Add(ReportedCronJobs.Explain(j.Metadata, workload));
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ReportException e) when (e.ExitCode == ReportExitCodes.Forbidden)
        {
            warn("warning: cannot list cronjobs.batch or jobs.batch, so inference servers run as CronJobs or Jobs are not "
                + "in the unmanaged workloads (their running Pods are not either: they have a controller)");
        }
    }

    // GuardPolicies are cluster-scoped: a namespace's viewer usually may not list them. The report still runs on the
    // built-in catalog and GPU requests, and says on standard error what it could not use.
    private async Task<List<string>> InferenceImagesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var policies = await ListAsync<GuardPolicy>(null, cancellationToken).ConfigureAwait(false);
            return [.. policies.SelectMany(p => p.Spec?.Inventory?.InferenceImages ?? []).Distinct(StringComparer.Ordinal)];
        }
        catch (ReportException e) when (e.ExitCode == ReportExitCodes.Forbidden)
        {
            warn("warning: cannot list guardpolicies.aiguard.io, so in-house inference images (spec.inventory.inferenceImages) are not used "
                + "to find unmanaged AI workloads; the built-in catalog and GPU requests are");
            return [];
        }
    }

    // An API server that does not serve a workload kind (a trimmed or virtual cluster) has none of it to report.
    private async Task ForEachWorkloadAsync<T>(string? @namespace, Action<T> visit, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await ForEachAsync(@namespace, visit, cancellationToken).ConfigureAwait(false);
        }
        catch (ReportException e) when (e.InnerException is KubernetesApiException { Code: 404 })
        {
        }
    }

    /// <summary>Every object of <typeparamref name="T"/> in <paramref name="namespace"/>, read page by page.</summary>
    public async Task<List<T>> ListAsync<T>(string? @namespace, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var items = new List<T>();
        await ForEachAsync<T>(@namespace, items.Add, cancellationToken).ConfigureAwait(false);
        return items;
    }

    /// <summary>Hands every object of <typeparamref name="T"/> to <paramref name="visit"/> one page at a time, keeping no page.</summary>
    public async Task ForEachAsync<T>(string? @namespace, Action<T> visit, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(visit);
        var resource = ApiResource.For<T>();
        var lister = new KubernetesListWatchClient<T>(client, resource);
        string? continueToken = null;
        try
        {
            do
            {
                var page = await lister.ListAsync(@namespace, labelSelector: null, PageSize, continueToken, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    visit(item);
                }

                continueToken = page.Continue;
            }
            while (continueToken is not null);
        }
        catch (KubernetesApiException e)
        {
            throw Explain(e, resource, @namespace);
        }
        catch (HttpRequestException e)
        {
            throw new ReportException(ReportExitCodes.ClusterError, $"cannot reach the cluster at {client.BaseUri}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ReportException(ReportExitCodes.ClusterError, $"listing {Describe(resource)} at {client.BaseUri} timed out", e);
        }
    }

    private static ReportException Explain(KubernetesApiException e, ApiResource resource, string? @namespace)
    {
        var where = @namespace is null ? "across all namespaces" : $"in namespace {@namespace}";
        return e.Code switch
        {
            403 => new ReportException(ReportExitCodes.Forbidden,
                $"forbidden: these credentials may not list {Describe(resource)} {where} ({e.Message}). "
                + (@namespace is null
                    ? "Report one namespace you may read with -n NAMESPACE, or ask for list on it cluster-wide (the view ClusterRole)."
                    : "Ask for list on it in that namespace (the view ClusterRole in a RoleBinding), or pick another with -n."), e),
            401 => new ReportException(ReportExitCodes.ClusterError, $"the cluster rejected the credentials (401): check the kubeconfig's user ({e.Message})", e),
            404 when resource.Group == AiGuard.Api.ApiGroup.Group => new ReportException(ReportExitCodes.ClusterError,
                $"{Describe(resource)} is not served: are the AiGuard CRDs installed (aiguard crds | kubectl apply -f -)? ({e.Message})", e),
            _ => new ReportException(ReportExitCodes.ClusterError, $"listing {Describe(resource)} {where} failed: {e.Message}", e),
        };
    }

    private static string Describe(ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";
}
