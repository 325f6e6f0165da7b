using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Controllers;

/// <summary>
/// Namespaces as the real namespace controller runs them: writes into a missing namespace are 404, into a
/// terminating one 403; deleting a namespace marks it Terminating, deletes its contents at once, and removes
/// the namespace when nothing is left (objects held by finalizers keep it Terminating until they go).
/// </summary>
internal sealed class NamespaceLifecycle(Cluster cluster)
{
    private ResourceType NamespaceType => cluster.Registry.Current.Find("", "v1", "namespaces")!;

    public void RequireActive(string ns)
    {
        var stored = cluster.StoreOf(NamespaceType).Get(ns) ?? throw ApiException.NamespaceNotFound(ns);
        if (stored.IsDeleting)
        {
            throw new ApiException(403, "Forbidden",
                $"unable to create new content in namespace {ns} because it is being terminated",
                new System.Text.Json.Nodes.JsonObject { ["name"] = ns, ["kind"] = "namespaces" });
        }
    }

    public WriteResult Delete(ResourceType type, string name, WriteOptions options)
    {
        var now = cluster.Now;
        var result = cluster.StoreOf(type).Write(name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type, name);
            }

            if (current.IsDeleting)
            {
                return WriteDecision.Unchanged;
            }

            var obj = current.Parse();
            ObjectPreparation.MarkDeleting(obj, now);
            obj.GetOrAddObject("status")["phase"] = "Terminating";
            return WriteDecision.Put(obj);
        }, options.DryRun);
        if (options.DryRun || result.Action == WriteAction.None)
        {
            return result;
        }

        foreach (var contentType in cluster.Registry.Current.StoragePreferred.Where(t => t.Namespaced))
        {
            var (items, _) = cluster.Storage.Existing(contentType.StorageKey)?.Snapshot(name) ?? ([], 0);
            foreach (var item in items)
            {
                try
                {
                    cluster.Operations.Delete(contentType, name, item.Name, DeleteOptions.Background, WriteOptions.System);
                }
                catch (ApiException e) when (e.Code == 404)
                {
                    // Already gone (collected as a dependent of something deleted before it).
                }
            }
        }

        return TryFinalize(name) ?? result;
    }

    /// <summary>Called when a namespaced object is removed: a terminating namespace may now be empty.</summary>
    public void ContentRemoved(string ns)
    {
        if (cluster.StoreOf(NamespaceType).Get(ns) is { IsDeleting: true })
        {
            TryFinalize(ns);
        }
    }

    private WriteResult? TryFinalize(string ns)
    {
        var empty = cluster.Registry.Current.StoragePreferred
            .Where(t => t.Namespaced)
            .All(t => cluster.Storage.Existing(t.StorageKey)?.AnyInNamespace(ns) != true);
        if (!empty)
        {
            return null;
        }

        var store = cluster.StoreOf(NamespaceType);
        if (store.Get(ns) is not { IsDeleting: true })
        {
            return null;
        }

        try
        {
            var result = store.Write(ns, current =>
            {
                if (current is not { IsDeleting: true })
                {
                    return WriteDecision.Unchanged;
                }

                var obj = current.Parse();
                obj.GetOrAddObject("spec")["finalizers"] = new System.Text.Json.Nodes.JsonArray();
                return WriteDecision.Remove(obj);
            });
            cluster.Operations.AfterWrite(NamespaceType, result, WriteOptions.System);
            return result;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
