using System.Net;
using AiGuard.Engine.Validation;
using AiGuard.Operator.Hosting;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// AdoptRun reads one workload from the cluster and prints the equivalent ModelDeployment on stdout. Any problem
/// (unreachable cluster, unknown workload, missing permission, no model URI, a draft the API server would reject)
/// goes to stderr as one line naming what to do, with exit code 2 and nothing on stdout, so
/// <c>aiguard adopt ... &gt; model.yaml</c> never leaves a half-written manifest behind.
/// </summary>
public static class AdoptRun
{
    /// <summary>Runs <paramref name="request"/>; returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(AdoptRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var connection = ClusterConnection.Resolve(request.Kubeconfig);
            var @namespace = request.Namespace is { Length: > 0 } given ? given : connection.Configuration.Namespace is { Length: > 0 } context ? context : "default";
            if (!KubernetesNames.IsDnsLabel(@namespace))
            {
                throw new AdoptException($"--namespace '{CommentText.Sanitize(@namespace, 80)}' is not a namespace name");
            }

            using var client = new Kubernetes(connection.Configuration);
            var (metadata, spec, replicas) = await ReadAsync(client, request.Workload, @namespace, cancellationToken).ConfigureAwait(false);
            metadata.NamespaceProperty ??= @namespace;
            var adopted = ModelDeploymentDraft.Build(request.Workload, metadata, spec, replicas, request.ModelUri);
            var problems = ModelDeploymentValidator.Validate(adopted.Model);
            if (problems.Count > 0)
            {
                throw new AdoptException($"the ModelDeployment for {request.Workload} would be rejected: "
                    + string.Join("; ", problems.Select(p => CommentText.Sanitize(p.ToString(), 200))));
            }

            await output.WriteAsync(AdoptManifest.Render(adopted, request.Workload, @namespace, ProductVersion.Semantic)).ConfigureAwait(false);
            return AdoptExitCodes.Printed;
        }
        catch (Exception e) when (e is AdoptException or OperatorConfigurationException)
        {
            await error.WriteLineAsync($"aiguard adopt: {e.Message}").ConfigureAwait(false);
            return AdoptExitCodes.Error;
        }
    }

    private static async Task<(V1ObjectMeta Metadata, V1PodSpec? Spec, int? Replicas)> ReadAsync(
        Kubernetes client, WorkloadReference workload, string @namespace, CancellationToken cancellationToken)
    {
        try
        {
            switch (workload.Kind)
            {
                case V1Deployment.KubeKind:
                    var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return (deployment.Metadata, deployment.Spec?.Template?.Spec, deployment.Spec?.Replicas);
                case V1StatefulSet.KubeKind:
                    var set = await client.AppsV1.ReadNamespacedStatefulSetAsync(workload.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return (set.Metadata, set.Spec?.Template?.Spec, set.Spec?.Replicas);
                case V1DaemonSet.KubeKind:
                    var daemons = await client.AppsV1.ReadNamespacedDaemonSetAsync(workload.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return (daemons.Metadata, daemons.Spec?.Template?.Spec, null);
                default:
                    var pod = await client.CoreV1.ReadNamespacedPodAsync(workload.Name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return (pod.Metadata, pod.Spec, 1);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new AdoptException($"{workload} not found in namespace {@namespace}", e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new AdoptException($"not allowed to get {workload} in namespace {@namespace} ({(int)e.Response.StatusCode}): adopting needs get on {workload.Kind.ToLowerInvariant()}s", e);
        }
        catch (HttpOperationException e)
        {
            throw new AdoptException($"reading {workload} in namespace {@namespace} failed: the API server answered {(int)e.Response.StatusCode}", e);
        }
        catch (HttpRequestException e)
        {
            throw new AdoptException($"cannot reach the API server {client.BaseUri}: {CommentText.Sanitize(e.Message, 200)}", e);
        }
    }
}
