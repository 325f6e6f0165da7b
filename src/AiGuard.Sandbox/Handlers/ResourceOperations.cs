using System.Text.Json.Nodes;
using AiGuard.Sandbox.Apply;
using AiGuard.Sandbox.Patching;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Handlers;

/// <summary>
/// The write path shared by HTTP handlers and in-process controllers: create, update, patch, apply and delete
/// with the real server's semantics (preconditions, status separation, generation, finalizers, dryRun).
/// Every decision runs under the store lock of the object's type, so it sees and commits one consistent state.
/// </summary>
internal sealed class ResourceOperations(Cluster cluster)
{
    public StoredObject Get(ResourceType type, string? ns, string name) =>
        cluster.StoreOf(type).Get(StoredObject.KeyOf(type.Namespaced ? ns : null, name)) ?? throw ApiException.NotFound(type, name);

    public WriteResult Create(ResourceType type, string? ns, JsonObject obj, WriteOptions options)
    {
        ObjectPreparation.CheckTypeMeta(type, obj);
        var meta = obj.GetOrAddObject("metadata");
        ObjectPreparation.SetNamespace(type, meta, ns);
        var name = ObjectPreparation.ResolveName(type, meta);
        if (type.Namespaced)
        {
            cluster.Namespaces.RequireActive(ns!);
        }

        var now = cluster.Now;
        PrepareNew(type, obj, now, options);
        ManagedFields.RecordUpdate(null, obj, options.FieldManager, now);
        var result = cluster.StoreOf(type).Write(
            StoredObject.KeyOf(ns, name),
            current => current is null ? WriteDecision.Put(type.ToStorage(obj)) : throw ApiException.AlreadyExists(type, name),
            options.DryRun);
        AfterWrite(type, result, options);
        return result;
    }

    private static void PrepareNew(ResourceType type, JsonObject obj, DateTime now, WriteOptions options)
    {
        ObjectPreparation.InitializeForCreate(type, obj, now);
        type.Strategy.PrepareForCreate(obj);
        PruneAndDefault(type, obj, options);
        ObjectValidation.Validate(type, obj, null);
        options.Admission?.Invoke(type, obj);
    }

    // fieldValidation=Strict (kubectl's default) turns pruned unknown fields into an error, as on a real server.
    private static void PruneAndDefault(ResourceType type, JsonObject obj, WriteOptions options)
    {
        var pruned = type.Schema?.PruneAndDefault(obj) ?? [];
        if (pruned.Count > 0 && options.FieldValidation == "Strict")
        {
            var fields = string.Join(", ", pruned.Select(p => $"unknown field \"{p}\""));
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }
    }

    public WriteResult Update(ResourceType type, string? ns, string name, string? subresource, JsonObject obj, WriteOptions options)
    {
        ObjectPreparation.CheckTypeMeta(type, obj);
        var meta = obj.GetOrAddObject("metadata");
        ObjectPreparation.SetNamespace(type, meta, ns);
        ObjectPreparation.SetName(meta, name);
        var requested = meta.GetString("resourceVersion");
        return Modify(type, ns, name, subresource, options, (current, old) =>
        {
            CheckPrecondition(type, name, current, requested);
            return obj;
        });
    }

    public WriteResult Patch(ResourceType type, string? ns, string name, string? subresource, PatchKind kind, JsonNode patch, WriteOptions options)
    {
        if (kind == PatchKind.Strategic && type.IsCustom)
        {
            throw new ApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        return Modify(type, ns, name, subresource, options, (current, old) =>
        {
            var patched = ApplyPatch(type, kind, old, patch);
            var meta = patched.GetOrAddObject("metadata");
            CheckPrecondition(type, name, current, meta.GetString("resourceVersion"));
            if (meta.GetString("name") is { } patchedName && patchedName != name)
            {
                throw ApiException.BadRequest($"the name of the object ({patchedName}) does not match the name on the URL ({name})");
            }

            return patched;
        });
    }

    public static JsonObject ApplyPatch(ResourceType type, PatchKind kind, JsonObject old, JsonNode patch)
    {
        try
        {
            var result = kind switch
            {
                PatchKind.Merge => JsonMergePatch.Apply(old, patch),
                PatchKind.Json => JsonPatch.Apply(old, patch as JsonArray ?? throw new PatchException("a json patch must be a JSON array of operations")),
                _ => StrategicMergePatch.Apply(old, patch, type.ApiVersion, type.Kind),
            };
            return result as JsonObject ?? throw new PatchException("the patch must produce a JSON object");
        }
        catch (PatchException e)
        {
            throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: {e.Message}");
        }
    }

    private WriteResult Modify(ResourceType type, string? ns, string name, string? subresource, WriteOptions options, Func<StoredObject, JsonObject, JsonObject> candidateOf)
    {
        var now = cluster.Now;
        var result = cluster.StoreOf(type).Write(
            StoredObject.KeyOf(type.Namespaced ? ns : null, name),
            current =>
            {
                if (current is null)
                {
                    throw ApiException.NotFound(type, name);
                }

                var old = Served(type, current);
                var candidate = candidateOf(current, (JsonObject)old.DeepClone());
                return Decide(type, subresource, old, candidate, options, now, recordManagedFields: true);
            },
            options.DryRun);
        AfterWrite(type, result, options);
        return result;
    }

    private static void CheckPrecondition(ResourceType type, string name, StoredObject current, string? requested)
    {
        if (!string.IsNullOrEmpty(requested) && requested != ObjectPreparation.ResourceVersionText(current.ResourceVersion))
        {
            throw ApiException.StaleResourceVersion(type, name);
        }
    }

    /// <summary>Turns a candidate for an existing object into the store decision (put, remove or no-op).</summary>
    private static WriteDecision Decide(ResourceType type, string? subresource, JsonObject old, JsonObject candidate, WriteOptions options, DateTime now, bool recordManagedFields)
    {
        var result = ObjectPreparation.Compose(type, subresource, old, candidate);
        result["apiVersion"] = type.ApiVersion;
        var deleting = old.GetObject("metadata").GetString("deletionTimestamp") is not null;
        if (deleting && subresource is null)
        {
            var before = ObjectPreparation.Finalizers(old);
            var added = ObjectPreparation.Finalizers(result).Except(before).ToList();
            if (added.Count > 0)
            {
                throw ApiException.Invalid(type, result.GetObject("metadata").GetString("name") ?? "",
                    [new StatusCause("FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers [{string.Join(" ", added)}]", "metadata.finalizers")]);
            }
        }

        type.Strategy.PrepareForUpdate(result, old);
        PruneAndDefault(type, result, options);
        ObjectValidation.Validate(type, result, old);
        options.Admission?.Invoke(type, result);
        ObjectPreparation.BumpGenerationIfSpecChanged(old, result);
        if (recordManagedFields)
        {
            ManagedFields.RecordUpdate(old, result, options.FieldManager, now);
        }

        if (ObjectPreparation.IsNoOp(old, result))
        {
            return WriteDecision.Unchanged;
        }

        return deleting && ObjectPreparation.Finalizers(result).Count == 0
            ? WriteDecision.Remove(type.ToStorage(result))
            : WriteDecision.Put(type.ToStorage(result));
    }

    /// <summary>
    /// The stored object as <paramref name="type"/> speaks it, for patches, applies and strategies to work on; only
    /// types over a shared store in another form (events.k8s.io Events) convert. Writes go back through ToStorage.
    /// </summary>
    private static JsonObject Served(ResourceType type, StoredObject stored) =>
        type.Conversion?.FromStorage(stored.Parse()) ?? stored.Parse();

    /// <summary>Server-side apply: creates the object when missing (201), else merges by field ownership.</summary>
    public WriteResult Apply(ResourceType type, string? ns, string name, string? subresource, JsonObject applied, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        ObjectPreparation.CheckTypeMeta(type, applied, required: true);
        var meta = applied.GetOrAddObject("metadata");
        ObjectPreparation.SetNamespace(type, meta, ns);
        ObjectPreparation.SetName(meta, name);
        var requested = meta.GetString("resourceVersion");
        meta.Remove("resourceVersion");
        var key = StoredObject.KeyOf(type.Namespaced ? ns : null, name);
        var store = cluster.StoreOf(type);
        if (type.Namespaced && store.Get(key) is null)
        {
            cluster.Namespaces.RequireActive(ns!);
        }

        var now = cluster.Now;
        var result = store.Write(key, current =>
        {
            if (current is not null)
            {
                CheckPrecondition(type, name, current, requested);
            }
            else if (!string.IsNullOrEmpty(requested))
            {
                throw ApiException.NotFound(type, name);
            }

            var live = current is null ? null : Served(type, current);
            var outcome = ServerSideApply.Apply(live, applied, options.FieldManager, options.Force, now);
            if (outcome.Conflicts.Count > 0)
            {
                throw ApplyConflictError(type, name, outcome);
            }

            var obj = outcome.Result;
            if (live is null)
            {
                if (subresource is not null)
                {
                    throw ApiException.NotFound(type, name);
                }

                obj["apiVersion"] = type.ApiVersion;
                obj["kind"] = type.Kind;
                PrepareNew(type, obj, now, options);
                return WriteDecision.Put(type.ToStorage(obj));
            }

            return Decide(type, subresource, live, obj, options, now, recordManagedFields: false);
        }, options.DryRun);
        AfterWrite(type, result, options);
        return result;
    }

    private static ApiException ApplyConflictError(ResourceType type, string name, ApplyResult outcome)
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["kind"] = type.Plural,
            ["causes"] = new JsonArray(outcome.ConflictDetails.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{c.Manager}\"",
                ["field"] = c.Path,
            }).ToArray()),
        };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        var message = outcome.ConflictMessage ?? $"Apply failed with {outcome.Conflicts.Count} conflicts: {string.Join(", ", outcome.Conflicts)}";
        return new ApiException(409, "Conflict", message, details);
    }

    /// <summary>Deletes an object, or marks it (deletionTimestamp) while finalizers remain.</summary>
    public WriteResult Delete(ResourceType type, string? ns, string name, DeleteOptions delete, WriteOptions options)
    {
        if (type.Plural == "namespaces" && type.Group.Length == 0)
        {
            return cluster.Namespaces.Delete(type, name, options);
        }

        var now = cluster.Now;
        var result = cluster.StoreOf(type).Write(StoredObject.KeyOf(type.Namespaced ? ns : null, name), current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type, name);
            }

            CheckDeletePreconditions(type, name, current, delete);
            var obj = current.Parse();
            if (!current.HasFinalizers)
            {
                return WriteDecision.Remove(obj);
            }

            if (current.IsDeleting)
            {
                return WriteDecision.Unchanged;
            }

            ObjectPreparation.MarkDeleting(obj, now);
            return WriteDecision.Put(obj);
        }, options.DryRun);
        AfterWrite(type, result, options, delete.Orphan);
        return result;
    }

    private static void CheckDeletePreconditions(ResourceType type, string name, StoredObject current, DeleteOptions delete)
    {
        if (!string.IsNullOrEmpty(delete.PreconditionUid) && delete.PreconditionUid != current.Uid)
        {
            throw ApiException.Conflict(type, name, $"Precondition failed: UID in precondition: {delete.PreconditionUid}, UID in object meta: {current.Uid}");
        }

        if (!string.IsNullOrEmpty(delete.PreconditionResourceVersion)
            && delete.PreconditionResourceVersion != ObjectPreparation.ResourceVersionText(current.ResourceVersion))
        {
            throw ApiException.Conflict(type, name,
                $"Precondition failed: ResourceVersion in precondition: {delete.PreconditionResourceVersion}, ResourceVersion in object meta: {current.ResourceVersion}");
        }
    }

    /// <summary>Reactions to a committed write: the kind's strategy, garbage collection, namespace finalization.</summary>
    public void AfterWrite(ResourceType type, WriteResult result, WriteOptions options, bool orphan = false)
    {
        if (options.DryRun || result.Action == WriteAction.None)
        {
            return;
        }

        type.Strategy.AfterWrite(cluster, type, result);
        var after = result.After;
        if (result.Action == WriteAction.Remove)
        {
            cluster.Collector.OwnerRemoved(after.Uid, orphan);
            if (after.Namespace.Length > 0)
            {
                cluster.Namespaces.ContentRemoved(after.Namespace);
            }
        }
        else if (after.OwnerUids.Count > 0 && !SameOwners(result.Before, after))
        {
            cluster.Collector.CheckOwners(type, after);
        }
    }

    private static bool SameOwners(StoredObject? before, StoredObject after) =>
        before is not null && before.OwnerUids.SequenceEqual(after.OwnerUids);

    /// <summary>A write by the sandbox itself (GC, controllers): mutate returns false to leave the object alone.</summary>
    public WriteResult? SystemUpdate(ResourceType type, string key, Func<JsonObject, bool> mutate, string? subresource = null)
    {
        var store = cluster.StoreOf(type);
        if (store.Get(key) is null)
        {
            return null;
        }

        var now = cluster.Now;
        try
        {
            var result = store.Write(key, current =>
            {
                if (current is null)
                {
                    return WriteDecision.Unchanged;
                }

                var old = Served(type, current);
                var candidate = (JsonObject)old.DeepClone();
                return mutate(candidate)
                    ? Decide(type, subresource, old, candidate, WriteOptions.System, now, recordManagedFields: false)
                    : WriteDecision.Unchanged;
            });
            AfterWrite(type, result, WriteOptions.System);
            return result;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (ApiException e) when (e.Code == 413)
        {
            // An object a client grew to the size limit cannot take the system's change either; like a real
            // controller's failed write, it is dropped rather than thrown into a background timer.
            return null;
        }
    }
}

/// <summary>The non-apply patch types.</summary>
internal enum PatchKind
{
    Merge,
    Json,
    Strategic,
}
