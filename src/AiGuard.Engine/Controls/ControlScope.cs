namespace AiGuard.Engine.Controls;

/// <summary>ControlScope says which inputs a control needs, so offline callers know which ones they skip.</summary>
public enum ControlScope
{
    /// <summary>Evaluated from the ModelDeployment and policies alone, in files and in the cluster.</summary>
    FilesAndCluster,

    /// <summary>Needs live cluster objects (<see cref="EvaluationInput.Cluster"/>); skipped offline.</summary>
    ClusterOnly,

    /// <summary>Needs a sealing key (<see cref="EvaluationInput.Sealing"/>); skipped without one.</summary>
    SealingKey,
}
