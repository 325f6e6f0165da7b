using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Engine.Planning;
using AiGuard.Operator.Reconciliation;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Sealing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ModelDeploymentReconciler brings one ModelDeployment's children and status in line with the engine's verdict.
/// It reads only from the caches; it writes a child only when the observed child lacks a desired field, deletes
/// only stale children it controls, and patches /status only when the status changed, so steady state costs nothing.
/// It never writes or deletes an object it does not control (<see cref="ChildOwnership"/>): a name taken by a foreign
/// object is a NameConflict that stalls the model and freezes its Deployment.
/// </summary>
public sealed class ModelDeploymentReconciler
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> NoSecrets =
        new Dictionary<string, IReadOnlyDictionary<string, byte[]>>();

    private static readonly ApiResource ModelDeploymentResource = ApiResource.For<ModelDeployment>();

    private readonly OperatorCaches _caches;
    private readonly ChildResources _children;
    private readonly EvaluationInputSource _inputs;
    private readonly SealedDataVerifier? _sealing;
    private readonly StatusPatcher _status;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _failuresBeforeError;
    private readonly TimeSpan _conflictRecheck;
    private readonly FailureCounter _failures = new();
    private readonly RecentWrites<ModelDeployment> _statusWrites;
    private readonly VerdictLedger? _verdicts;

    /// <summary>Creates the reconciler; it subscribes to the ModelDeployment cache to track its own status writes.</summary>
    /// <remarks><paramref name="conflictRecheck"/>: how soon a model with a name conflict looks again; an unlabeled foreign
    /// object is invisible to the caches, so its removal raises no event. <paramref name="verdicts"/>, when given,
    /// receives every verdict (the policy reports are built from it).</remarks>
    public ModelDeploymentReconciler(
        OperatorCaches caches,
        ChildResources children,
        StatusPatcher status,
        EventRecorder events,
        SealedDataVerifier? sealing,
        TimeProvider time,
        ILogger logger,
        int failuresBeforeError,
        TimeSpan conflictRecheck,
        VerdictLedger? verdicts = null)
    {
        _caches = caches;
        _children = children;
        _sealing = sealing;
        _inputs = new EvaluationInputSource(caches, sealing);
        _status = status;
        _events = events;
        _time = time;
        _logger = logger;
        _failuresBeforeError = failuresBeforeError;
        _conflictRecheck = conflictRecheck;
        _statusWrites = RecentWrites<ModelDeployment>.Tracking(caches.ModelDeployments);
        _verdicts = verdicts;
    }

    /// <summary>Reconciles the ModelDeployment <paramref name="key"/>.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // 1. Get the object (the cache, or our own newer status write); gone means the API's garbage collector
        //    removes the children through their ownerReferences.
        var model = _statusWrites.Freshest(key, _caches.ModelDeployments.Get(key.Namespace, key.Name));
        if (model is null || model.Metadata.DeletionTimestamp is not null)
        {
            _failures.Succeed(key);
            return ReconcileResult.Done;
        }

        var now = _time.GetUtcNow();
        Verdict? verdict = null;
        try
        {
            // 2. Evaluate and plan: pure, from cached inputs only.
            verdict = EvaluateAndPlan(model, now);
            var (assessment, desired) = verdict;
            _verdicts?.Publish(model, assessment, now);

            // 3. Act: revoke grants no longer planned before anything else (revocation never waits for a write that
            //    may fail or a rollout); then safety children (the NetworkPolicy leads, so isolation precedes
            //    everything), the Deployment only when it may roll out and no child name conflicts; then prune.
            await PruneAsync(model, desired, [], grantsOnly: true, cancellationToken).ConfigureAwait(false);
            var applied = await ApplyAsync(model, desired, cancellationToken).ConfigureAwait(false);
            await PruneAsync(model, desired, applied.Withheld, grantsOnly: false, cancellationToken).ConfigureAwait(false);

            // 4. Report: status only when it changed, events aggregated.
            var observed = Observe(model, desired) with { NameConflicts = applied.Conflicts };
            await WriteStatusAsync(model, assessment, desired, observed, now, cancellationToken).ConfigureAwait(false);
            await RecordEventsAsync(model, assessment, desired, applied, cancellationToken).ConfigureAwait(false);
            _failures.Succeed(key);
            var next = RequeueForClock(assessment, now);
            return applied.Conflicts.Count > 0 && (next.RequeueDelay is not { } at || at > _conflictRecheck)
                ? ReconcileResult.RequeueAfter(_conflictRecheck)
                : next;
        }
        catch (ChildRejectedException rejected)
        {
            // The server refuses what the spec asks for: no retry loop; the user must change the spec.
            _failures.Succeed(key);
            _logger.LogWarning("{Key}: {Error}; waiting for a spec change", key, rejected.Message);
            await TryWriteErrorAsync(key, model, verdict, rejected.Message, needsSpecChange: true, now, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        catch (Exception e) when (e is not OperationCanceledException && ApiErrors.RetryAfter(e) is { } retryAfter)
        {
            // Throttled: come back when the server says, without counting it as this object's failure.
            return ReconcileResult.RequeueAfter(retryAfter);
        }
        catch (Exception e) when (e is not OperationCanceledException && ApiErrors.IsNotFound(e) && _caches.ModelDeployments.Get(key.Namespace, key.Name) is null)
        {
            return ReconcileResult.Done;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failures = _failures.Fail(key);
            if (failures >= _failuresBeforeError)
            {
                // No running count in the message: it would change, and so cost a status write, on every retry.
                var cause = e is EngineFailureException ? e.Message : ApiErrors.Describe(e);
                var message = $"reconcile failed at least {_failuresBeforeError} times in a row; last error: {cause}";
                await TryWriteErrorAsync(key, model, verdict, message, needsSpecChange: false, now, cancellationToken).ConfigureAwait(false);
            }

            throw; // transient: the work queue retries with per-key backoff
        }
    }

    // The pure steps never throw by design; when one does (a bug), the failure must still count toward phase Error
    // like any other, so it is wrapped here and handled by the reconcile's catch blocks.
    private Verdict EvaluateAndPlan(ModelDeployment model, DateTimeOffset now)
    {
        var step = "evaluating the spec";
        try
        {
            var assessment = Evaluator.Evaluate(_inputs.For(model, now));
            step = "opening sealed secrets";
            var secrets = OpenSecrets(model, assessment);
            step = "planning the children";
            var running = _children.Deployments.Observed(EvaluationInputSource.NamespaceOf(model), model.Metadata.Name) as V1Deployment;
            return new Verdict(assessment, Planner.Plan(model, assessment, secrets, running));
        }
        catch (Exception e)
        {
            throw new EngineFailureException(step, e);
        }
    }

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> OpenSecrets(ModelDeployment model, Assessment assessment)
    {
        // The verifier caches plaintexts, so a steady-state reconcile unseals nothing.
        if (_sealing is null || assessment.SpecErrors.Count > 0 || !(model.Spec?.Secrets ?? []).Any(s => s?.SealedData is { Count: > 0 }))
        {
            return NoSecrets;
        }

        return _sealing.OpenSecrets(model);
    }

    private async Task<AppliedChildren> ApplyAsync(ModelDeployment model, DesiredState desired, CancellationToken cancellationToken)
    {
        var applied = new AppliedChildren(model.Metadata.Uid, model.Status?.ObservedGeneration == model.Metadata.Generation);
        var safety = desired.SafetyChildren.Select(DesiredChildren.Prepare).ToList();
        var outcomes = new ChildOutcome[safety.Count];

        // The NetworkPolicy leads, so isolation precedes everything; the other safety children do not depend on one
        // another and are written together, except the RoleBindings: they wait for the ServiceAccount's outcome, since
        // a binding to a ServiceAccount name someone else holds would grant that identity.
        await ApplyTogetherAsync(applied, safety, outcomes, c => c.Object is V1NetworkPolicy, cancellationToken).ConfigureAwait(false);
        await ApplyTogetherAsync(applied, safety, outcomes, c => c.Object is not (V1NetworkPolicy or V1RoleBinding), cancellationToken).ConfigureAwait(false);
        var serviceAccountConflicts = safety.Where((c, i) => c.Object is V1ServiceAccount && outcomes[i] == ChildOutcome.Conflict).Any();
        for (var i = 0; i < safety.Count; i++)
        {
            if (safety[i].Object is V1RoleBinding binding && serviceAccountConflicts && NamesOwnServiceAccount(binding, desired))
            {
                outcomes[i] = ChildOutcome.Withheld;
            }
        }

        await ApplyTogetherAsync(applied, safety, outcomes, c => c.Object is V1RoleBinding, cancellationToken).ConfigureAwait(false);

        // Recorded in plan order, so the status names conflicts in the same order whichever write answered first.
        for (var i = 0; i < safety.Count; i++)
        {
            applied.Record(_children.For(safety[i].Object), safety[i].Object, outcomes[i]);
        }

        // Pods start only beside safety objects that are all the model's own: no Deployment is created or changed while
        // any child name conflicts. A foreign Deployment in the cache is still reported.
        var deployment = DesiredChildren.Prepare(desired.Deployment);
        if (desired.RolloutBlocked || applied.Conflicts.Count > 0)
        {
            var observed = _children.Deployments.Observed(desired.Namespace, desired.Name);
            if (observed is not null && !ChildOwnership.IsControlledBy(observed, applied.OwnerUid))
            {
                applied.Conflicts.Add($"{_children.Deployments.Kind} {desired.Name}");
            }
        }
        else
        {
            applied.Record(_children.Deployments, deployment.Object, await ApplyChildAsync(applied, deployment, cancellationToken).ConfigureAwait(false));
        }

        return applied;
    }

    // Applies the children <paramref name="selected"/> picks among those without an outcome yet, all at once; an
    // exception from any of them fails the reconcile once every write of the batch has answered.
    private async Task ApplyTogetherAsync(
        AppliedChildren applied,
        List<PreparedChild> children,
        ChildOutcome[] outcomes,
        Func<PreparedChild, bool> selected,
        CancellationToken cancellationToken)
    {
        var batch = Enumerable.Range(0, children.Count).Where(i => outcomes[i] == ChildOutcome.Pending && selected(children[i])).ToList();
        var answers = await Task.WhenAll(batch.Select(i => ApplyChildAsync(applied, children[i], cancellationToken))).ConfigureAwait(false);
        for (var j = 0; j < batch.Count; j++)
        {
            outcomes[batch[j]] = answers[j];
        }
    }

    private async Task<ChildOutcome> ApplyChildAsync(AppliedChildren applied, PreparedChild prepared, CancellationToken cancellationToken)
    {
        var child = prepared.Object;
        var kind = _children.For(child);
        var name = child.Metadata.Name;
        var observed = kind.Observed(child.Metadata.NamespaceProperty, name);
        if (observed is not null && !ChildOwnership.IsControlledBy(observed, applied.OwnerUid))
        {
            return ChildOutcome.Conflict;
        }

        if (prepared.IsHeldBy(observed))
        {
            return ChildOutcome.Unchanged;
        }

        try
        {
            if (observed is null)
            {
                if (!await CreateAsync(applied.OwnerUid, kind, prepared, cancellationToken).ConfigureAwait(false))
                {
                    return ChildOutcome.Conflict;
                }
            }
            else
            {
                await UpdateAsync(kind, prepared, observed, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (ApiErrors.NeedsSpecChange(e))
        {
            // Never quote the server's message for a Secret: it may repeat the data it rejected.
            var detail = kind.Kind == "Secret" ? "the API server rejected it" : ApiErrors.Describe(e);
            throw new ChildRejectedException($"{kind.Kind} {name}: {detail}", e);
        }

        // Something existed and lacked our fields, or vanished after we had converged: a human or another
        // controller changed it.
        return observed is not null || applied.Converged ? ChildOutcome.Repaired : ChildOutcome.Written;
    }

    // A create never lands on an existing object: the server answers 409 AlreadyExists. That object is invisible to
    // the label-selected cache, so it is read once: a child of ours whose managed-by label was removed is repaired,
    // anything else is a name conflict. Returns false for a conflict.
    private static async Task<bool> CreateAsync(string? ownerUid, IChildResource kind, PreparedChild prepared, CancellationToken cancellationToken)
    {
        var child = prepared.Object;
        try
        {
            await kind.CreateAsync(child, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsAlreadyExists(e))
        {
            var existing = await kind.ReadAsync(child.Metadata.NamespaceProperty, child.Metadata.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{kind.Kind} {child.Metadata.Name} was deleted while being created; retrying", e);
            if (!ChildOwnership.IsControlledBy(existing, ownerUid))
            {
                return false;
            }

            await UpdateAsync(kind, prepared, existing, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    // The forced apply (and the list repair after it) is preconditioned on the resourceVersion just checked for
    // ownership, so it cannot land on an object that replaced the child in between.
    private static async Task UpdateAsync(IChildResource kind, PreparedChild prepared, IKubernetesObject<V1ObjectMeta> current, CancellationToken cancellationToken)
    {
        var stored = await kind.ApplyAsync(prepared.Object, current, cancellationToken).ConfigureAwait(false);
        if (stored is not null && !prepared.IsHeldBy(stored))
        {
            await kind.ReplaceListsAsync(prepared.Object, stored, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool NamesOwnServiceAccount(V1RoleBinding binding, DesiredState desired) =>
        BindingReach.Of(binding).Contains(BindingReach.ServiceAccount(desired.Namespace, desired.Name), StringComparer.Ordinal);

    // Deletes children this model controls that the plan no longer wants (only grants when grantsOnly). Every delete
    // carries the child's uid as precondition, so an object that replaced it is never deleted.
    private async Task PruneAsync(
        ModelDeployment model, DesiredState desired, HashSet<(Type, string)> withheld, bool grantsOnly, CancellationToken cancellationToken)
    {
        var uid = model.Metadata.Uid;
        if (string.IsNullOrEmpty(uid))
        {
            return;
        }

        var wanted = desired.Children.Select(c => (c.GetType(), c.Metadata.Name)).Where(c => !withheld.Contains(c)).ToHashSet();
        // A replaced Secret (rotated sealed data) goes only once the Deployment has rolled away from it: while the
        // observed Deployment still mounts it (the cache lags our apply by a watch event) or is still rolling out
        // (old pods mount older Secrets, and the old ReplicaSet may need to start one again), every Secret stays.
        // The Deployment's status updates wake this reconcile again, so the prune follows the rollout.
        var deployment = OwnDeployment(uid, desired);
        var live = MountedSecrets.Of(deployment, model);
        var rollingOut = deployment is not null && !RolledOut(deployment);
        IEnumerable<IChildResource> kinds = grantsOnly ? [_children.Roles, _children.RoleBindings] : _children.All;
        foreach (var kind in kinds)
        {
            foreach (var child in kind.ControlledBy(desired.Namespace, uid))
            {
                var name = child.Metadata.Name;
                var keep = wanted.Contains((child.GetType(), name))
                    // A blocked model keeps its last Deployment and the Secrets that Deployment still mounts.
                    || (desired.RolloutBlocked && child is V1Deployment)
                    || (child is V1Secret && (live.Contains(name) || rollingOut));
                if (!keep)
                {
                    await kind.DeleteAsync(child, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    // The model's Deployment as far as the operator may trust it: one with the model's name that another owner controls
    // says nothing about this model's rollout.
    private V1Deployment? OwnDeployment(string? uid, DesiredState desired) =>
        _children.Deployments.Observed(desired.Namespace, desired.Name) is V1Deployment deployment && ChildOwnership.IsControlledBy(deployment, uid)
            ? deployment
            : null;

    // Every replica runs the current template: the deployment controller saw this generation and updated and
    // made available as many pods as wanted.
    private static bool RolledOut(V1Deployment deployment)
    {
        var wantedReplicas = deployment.Spec?.Replicas ?? 1;
        return deployment.Status is { } status
            && status.ObservedGeneration >= deployment.Metadata.Generation
            && (status.UpdatedReplicas ?? 0) >= wantedReplicas
            && (status.AvailableReplicas ?? 0) >= wantedReplicas
            && (status.Replicas ?? 0) <= (status.UpdatedReplicas ?? 0);
    }

    private RolloutObservation Observe(ModelDeployment model, DesiredState desired)
    {
        var deployment = OwnDeployment(model.Metadata.Uid, desired);
        var available = deployment is { Status: { } status }
            && status.ObservedGeneration >= deployment.Metadata.Generation
            && (status.Conditions ?? []).Any(c => c.Type == "Available" && c.Status == "True");
        return new RolloutObservation(deployment is not null, available);
    }

    private async Task WriteStatusAsync(
        ModelDeployment model, Assessment assessment, DesiredState desired, RolloutObservation rollout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var composed = StatusComposer.Compose(model, assessment, desired, rollout, now.UtcDateTime);
        if (StatusPatcher.BodyUnlessOnly(model.Status, composed, StatusComparer.EvaluationTimeField) is { } patch)
        {
            await PatchStatusAsync(model, composed, patch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PatchStatusAsync(ModelDeployment model, ModelDeploymentStatus composed, V1Patch patch, CancellationToken cancellationToken)
    {
        var answer = await _status.PatchNamespacedUtf8Async(
            ModelDeploymentResource, EvaluationInputSource.NamespaceOf(model), model.Metadata.Name, patch, cancellationToken).ConfigureAwait(false);
        _statusWrites.Written(WrittenStatus.Stored(model, composed, answer));
    }

    private async Task TryWriteErrorAsync(
        ObjectKey key, ModelDeployment model, Verdict? verdict, string message, bool needsSpecChange, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            if (verdict is var (assessment, desired))
            {
                var rollout = Observe(model, desired) with { ReconcileError = message, NeedsSpecChange = needsSpecChange };
                await WriteStatusAsync(model, assessment, desired, rollout, now, cancellationToken).ConfigureAwait(false);
                return;
            }

            var composed = StatusComposer.ComposeUnevaluated(model, message, now.UtcDateTime);
            if (StatusPatcher.BodyUnlessOnly(model.Status, composed, StatusComparer.EvaluationTimeField) is { } patch)
            {
                await PatchStatusAsync(model, composed, patch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("{Key}: could not write the Error status: {Error}", key, ApiErrors.Describe(e));
        }
    }

    private async Task RecordEventsAsync(ModelDeployment model, Assessment assessment, DesiredState desired, AppliedChildren applied, CancellationToken cancellationToken)
    {
        if (applied.Conflicts.Count > 0)
        {
            await _events.RecordAsync(model, EventRecorder.Warning, NameConflicts.Reason, "Refuse",
                NameConflicts.Describe(applied.Conflicts), cancellationToken).ConfigureAwait(false);
        }

        if (assessment.Quarantined)
        {
            await _events.RecordAsync(model, EventRecorder.Warning, "Quarantined", "Isolate",
                $"isolated with a deny-all NetworkPolicy: {assessment.QuarantineReason}", cancellationToken).ConfigureAwait(false);
        }
        else if (desired.RolloutBlocked)
        {
            await _events.RecordAsync(model, EventRecorder.Warning, "RolloutBlocked", "Block",
                string.Join("; ", desired.BlockReasons), cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(assessment.Image.PatchedFrom))
        {
            await _events.RecordAsync(model, EventRecorder.Normal, "ImagePatched", "Remediate",
                $"image {assessment.Image.PatchedFrom} patched to {assessment.Image.Effective}", cancellationToken).ConfigureAwait(false);
        }

        if (applied.Repaired.Count > 0)
        {
            await _events.RecordAsync(model, EventRecorder.Normal, "DriftRepaired", "Repair",
                $"restored {string.Join(", ", applied.Repaired)}", cancellationToken).ConfigureAwait(false);
        }
    }

    private static ReconcileResult RequeueForClock(Assessment assessment, DateTimeOffset now)
    {
        if (assessment.NextChangeAt is not { } next)
        {
            return ReconcileResult.Done;
        }

        // Come back just after the change: at expiresAt itself the exception no longer applies.
        var delay = next - now;
        return ReconcileResult.RequeueAfter(delay > TimeSpan.Zero ? delay + TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(1));
    }

    private sealed record Verdict(Assessment Assessment, DesiredState Desired);

    private sealed class ChildRejectedException(string message, Exception inner) : Exception(message, inner);

    // Names the step and the exception type only: the original message may quote spec values, other namespaces'
    // objects or opened secret values, and both the status and the log show this message. The original stack trace
    // (method names only) is kept so the log still locates the bug.
    private sealed class EngineFailureException(string step, Exception inner) : Exception($"{step} threw {inner.GetType().Name}")
    {
        public override string? StackTrace => inner.StackTrace;
    }
}
