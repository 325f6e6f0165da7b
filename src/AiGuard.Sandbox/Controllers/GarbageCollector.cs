using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Controllers;

/// <summary>
/// Owner-reference garbage collection with background propagation: when an object is removed, every object
/// that referenced it (by uid, any ownerReference, owners of any kind including custom resources) is deleted
/// once none of its owners exist; references to missing owners are dropped from objects that keep a live owner.
/// Runs synchronously after the owner's removal, so a delete response is returned after its dependents are gone.
/// </summary>
internal sealed class GarbageCollector(Cluster cluster)
{
    public void OwnerRemoved(string uid, bool orphan)
    {
        if (uid.Length == 0 || !cluster.Storage.AnyOwnedObjects)
        {
            return;
        }

        foreach (var type in cluster.Registry.Current.StoragePreferred)
        {
            var store = cluster.Storage.Existing(type.StorageKey);
            if (store is null)
            {
                continue;
            }

            var (items, _) = store.Snapshot(null);
            foreach (var dependent in items.Where(o => o.OwnerUids.Contains(uid)))
            {
                if (!orphan && dependent.OwnerUids.All(u => !cluster.Storage.UidExists(u)))
                {
                    DeleteQuietly(type, dependent);
                }
                else
                {
                    DropOwnerReferences(type, dependent.Key, orphan ? u => u == uid : u => !cluster.Storage.UidExists(u));
                }
            }
        }
    }

    /// <summary>An object written with owner references to owners that no longer exist is collected at once.</summary>
    public void CheckOwners(ResourceType type, StoredObject stored)
    {
        if (stored.OwnerUids.All(u => !cluster.Storage.UidExists(u)))
        {
            DeleteQuietly(type, stored);
        }
    }

    private void DeleteQuietly(ResourceType type, StoredObject dependent)
    {
        try
        {
            cluster.Operations.Delete(type, dependent.Namespace, dependent.Name, DeleteOptions.Background, WriteOptions.System);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Deleted concurrently: nothing left to collect.
        }
    }

    private void DropOwnerReferences(ResourceType type, string key, Func<string, bool> drop) =>
        cluster.Operations.SystemUpdate(type, key, obj =>
        {
            var refs = obj.GetObject("metadata").GetArray("ownerReferences");
            if (refs is null)
            {
                return false;
            }

            var kept = refs.Where(r => r is JsonObject o && !drop(o.GetString("uid") ?? "")).Select(r => r!.DeepClone()).ToArray();
            if (kept.Length == refs.Count)
            {
                return false;
            }

            var meta = obj.GetOrAddObject("metadata");
            if (kept.Length == 0)
            {
                meta.Remove("ownerReferences");
            }
            else
            {
                meta["ownerReferences"] = new JsonArray(kept);
            }

            return true;
        });
}
