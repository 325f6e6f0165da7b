using k8s;
using k8s.Models;

namespace AiGuard.Cli.Audit;

/// <summary>
/// PreparedItem is one outcome of checking a document, in the order the loader must apply it: an error, a skipped
/// document, an object the API server would accept (with its origin) that still has to be identified and kept, or
/// a ModelDeployment already evaluated on a worker (<see cref="SettledModel"/>) that still has to be identified.
/// </summary>
public readonly record struct PreparedItem(ManifestError? Error, SkippedDocument? Skipped, IKubernetesObject<V1ObjectMeta>? Object, ManifestOrigin? Origin,
    SettledModel? Settled = null);
