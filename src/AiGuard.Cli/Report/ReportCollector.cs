using System.Net.Http;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportCollector reads what the report needs with paged LISTs (<see cref="PageSize"/> objects a request), so a
/// namespace with thousands of models costs the API server bounded memory per request. It reads and never writes.
/// </summary>
public sealed class ReportCollector(Kubernetes client)
{
    /// <summary>Objects per LIST page, as kubectl and the operator's informers page.</summary>
    public const int PageSize = 500;

    /// <summary>Lists the ModelDeployments and GuardExceptions of <paramref name="namespace"/> (null: all namespaces).</summary>
    /// <exception cref="ReportException">Forbidden (exit 3), the CRDs are missing, or the cluster failed (exit 1).</exception>
    public async Task<ClusterSnapshot> CollectAsync(string? @namespace, CancellationToken cancellationToken)
    {
        var models = await ListAsync<ModelDeployment>(@namespace, cancellationToken).ConfigureAwait(false);
        var exceptions = await ListAsync<GuardException>(@namespace, cancellationToken).ConfigureAwait(false);
        return new ClusterSnapshot(@namespace, models, exceptions);
    }

    /// <summary>Every object of <typeparamref name="T"/> in <paramref name="namespace"/>, page by page.</summary>
    public async Task<List<T>> ListAsync<T>(string? @namespace, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = ApiResource.For<T>();
        var lister = new KubernetesListWatchClient<T>(client, resource);
        var items = new List<T>();
        string? continueToken = null;
        try
        {
            do
            {
                var page = await lister.ListAsync(@namespace, labelSelector: null, PageSize, continueToken, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items);
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

        return items;
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
            404 when resource.Group.Length > 0 => new ReportException(ReportExitCodes.ClusterError,
                $"{Describe(resource)} is not served: are the AiGuard CRDs installed (aiguard crds | kubectl apply -f -)? ({e.Message})", e),
            _ => new ReportException(ReportExitCodes.ClusterError, $"listing {Describe(resource)} {where} failed: {e.Message}", e),
        };
    }

    private static string Describe(ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";
}
