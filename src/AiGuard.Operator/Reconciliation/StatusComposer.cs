using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Engine.Planning;

namespace AiGuard.Operator.Reconciliation;

/// <summary>
/// StatusComposer turns the engine's assessment, the plan and the observed rollout into the ModelDeployment's
/// status: phase, score, findings and conditions (kstatus-style: Ready, plus Reconciling/Stalled only while true).
/// </summary>
internal static class StatusComposer
{
    /// <summary>The status keeps at most this many findings, most severe first.</summary>
    public const int FindingLimit = 50;

    private static readonly (string Area, string Title)[] Areas =
    [
        (ConditionTypes.NetworkIsolated, "network isolation"),
        (ConditionTypes.SecretsSealed, "secret handling"),
        (ConditionTypes.LeastPrivilege, "least privilege"),
        (ConditionTypes.ImagePatched, "image policy"),
        (ConditionTypes.PodHardened, "pod hardening"),
        (ConditionTypes.ModelPinned, "model provenance"),
        (ConditionTypes.Governed, "governance"),
    ];

    /// <summary>Composes the status for <paramref name="model"/>; <paramref name="now"/> stamps transitions and lastEvaluatedTime.</summary>
    public static ModelDeploymentStatus Compose(
        ModelDeployment model, Assessment assessment, DesiredState? desired, RolloutObservation rollout, DateTime now)
    {
        // RFC 3339 in the API keeps whole seconds; truncating here keeps composed and stored statuses comparable.
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var generation = model.Metadata.Generation;
        var conditions = new ConditionSet(model.Status?.Conditions, generation, now);
        var phase = Phase(assessment, desired, rollout);

        SetReady(conditions, phase, assessment, desired, rollout);
        SetStalledAndReconciling(conditions, phase, assessment, desired, rollout);
        var unwaived = assessment.Findings.Count(f => !f.Waived);
        conditions.Set(ConditionTypes.Compliant, unwaived == 0,
            unwaived == 0 ? "ControlsPassed" : "FindingsPresent",
            unwaived == 0 ? "no unwaived finding" : $"{unwaived} unwaived finding(s); most severe: {assessment.Findings.First(f => !f.Waived).Control}");
        foreach (var (area, title) in Areas)
        {
            SetArea(conditions, area, title, assessment);
        }

        return new ModelDeploymentStatus
        {
            ObservedGeneration = generation,
            Phase = phase,
            ComplianceScore = assessment.Score,
            Enforcement = assessment.Enforcement,
            Image = assessment.Image,
            Conditions = conditions.ToList(),
            Findings = [.. assessment.Findings.Take(FindingLimit)],
            AppliedPolicies = [.. assessment.AppliedPolicies],
            SealingKeys = [.. assessment.SealingKeys],
            LastEvaluatedTime = now,
        };
    }

    /// <summary>
    /// The stored status with phase Error and Ready/Reconciling saying <paramref name="error"/>, for a reconcile that
    /// failed before the engine produced a plan. Findings, score and lastEvaluatedTime stay those of the last
    /// evaluation: dropping them would make a model nobody could evaluate look clean.
    /// </summary>
    public static ModelDeploymentStatus ComposeUnevaluated(ModelDeployment model, string error, DateTime now)
    {
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var previous = model.Status;
        var conditions = new ConditionSet(previous?.Conditions, model.Metadata.Generation, now);
        conditions.Set(ConditionTypes.Ready, false, "ReconcileFailed", error);
        conditions.Set(ConditionTypes.Reconciling, true, "Retrying", error);
        var kept = (previous?.Conditions ?? [])
            .Where(c => c.Type is not (ConditionTypes.Ready or ConditionTypes.Reconciling or ConditionTypes.Stalled));
        return new ModelDeploymentStatus
        {
            ObservedGeneration = model.Metadata.Generation,
            Phase = Phases.Error,
            ComplianceScore = previous?.ComplianceScore,
            Enforcement = previous?.Enforcement,
            Image = previous?.Image,
            Conditions = [.. conditions.ToList(), .. kept],
            Findings = previous?.Findings,
            AppliedPolicies = previous?.AppliedPolicies,
            SealingKeys = previous?.SealingKeys,
            LastEvaluatedTime = previous?.LastEvaluatedTime,
        };
    }

    private static string Phase(Assessment assessment, DesiredState? desired, RolloutObservation rollout)
    {
        if (rollout.ReconcileError is not null || rollout.HasNameConflicts || assessment.SpecErrors.Count > 0)
        {
            return Phases.Error;
        }

        if (assessment.Quarantined)
        {
            return Phases.Quarantined;
        }

        if (assessment.Blocked || desired?.RolloutBlocked == true)
        {
            return Phases.Blocked;
        }

        if (!rollout.DeploymentAvailable)
        {
            return Phases.Progressing;
        }

        return assessment.Compliant ? Phases.Compliant : Phases.NonCompliant;
    }

    private static void SetReady(ConditionSet conditions, string phase, Assessment assessment, DesiredState? desired, RolloutObservation rollout)
    {
        var (reason, message) = phase switch
        {
            Phases.Error when rollout.HasNameConflicts => (NameConflicts.Reason, NameConflicts.Describe(rollout.NameConflicts!)),
            Phases.Error when rollout.ReconcileError is not null => ("ReconcileFailed", rollout.ReconcileError),
            Phases.Error => ("InvalidSpec", string.Join("; ", assessment.SpecErrors)),
            Phases.Quarantined => ("Quarantined", assessment.QuarantineReason ?? "quarantined"),
            Phases.Blocked => ("RolloutBlocked", string.Join("; ", desired?.BlockReasons ?? ["a finding blocks the rollout"])),
            Phases.Progressing => ("Progressing", "waiting for the Deployment to become available"),
            _ => ("Available", "the model is served and its safety objects are reconciled"),
        };
        conditions.Set(ConditionTypes.Ready, phase is Phases.Compliant or Phases.NonCompliant, reason, message);
    }

    private static void SetStalledAndReconciling(ConditionSet conditions, string phase, Assessment assessment, DesiredState? desired, RolloutObservation rollout)
    {
        // kstatus abnormal-true conditions: present only while true, so `kubectl wait --for=condition=Stalled` means something.
        // A name conflict needs a human (remove the object or rename the model), like an invalid or rejected spec.
        if (phase is Phases.Blocked or Phases.Quarantined
            || (phase == Phases.Error && (rollout.HasNameConflicts || rollout.ReconcileError is null || rollout.NeedsSpecChange)))
        {
            var reason = phase switch
            {
                Phases.Error when rollout.HasNameConflicts => NameConflicts.Reason,
                Phases.Error => rollout.ReconcileError is null ? "InvalidSpec" : "Rejected",
                Phases.Quarantined => "Quarantined",
                _ => "RolloutBlocked",
            };
            var message = phase switch
            {
                Phases.Error when rollout.HasNameConflicts => NameConflicts.Describe(rollout.NameConflicts!),
                Phases.Error when rollout.ReconcileError is not null => rollout.ReconcileError,
                Phases.Error => string.Join("; ", assessment.SpecErrors),
                Phases.Quarantined => $"quarantined: {assessment.QuarantineReason}; remove the cause to release it",
                _ => string.Join("; ", desired?.BlockReasons ?? []),
            };
            conditions.Set(ConditionTypes.Stalled, true, reason, message);
        }
        else if (phase == Phases.Progressing || rollout.ReconcileError is not null)
        {
            conditions.Set(ConditionTypes.Reconciling, true,
                rollout.ReconcileError is null ? "Progressing" : "Retrying",
                rollout.ReconcileError ?? "the Deployment is rolling out");
        }
    }

    private static void SetArea(ConditionSet conditions, string area, string title, Assessment assessment)
    {
        var results = assessment.Results.Where(r => r.Area == area).ToList();
        if (results.Count == 0)
        {
            conditions.Set(area, "Unknown", "NotEvaluated", $"no {title} control was evaluated");
            return;
        }

        var failed = results.Where(r => !r.Passed).Select(r => r.Control).ToList();
        conditions.Set(area, failed.Count == 0,
            failed.Count == 0 ? "ControlsPassed" : "ControlsFailed",
            failed.Count == 0 ? $"{results.Count} {title} control(s) pass" : $"failing: {string.Join(", ", failed)}");
    }
}
