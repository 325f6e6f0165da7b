using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Audit;

/// <summary>
/// SettledModel is a ModelDeployment that a worker thread evaluated as soon as its context was final (see
/// <see cref="DocumentSettler"/>): what the loader still needs to identify it (and to report it as a duplicate)
/// and its outcome, but neither the typed object nor its source map, which die young on the worker.
/// </summary>
/// <param name="NamePosition">Where <c>metadata.name</c> is, for the duplicate-name error.</param>
/// <param name="Result">The result, or null when evaluating it gave <paramref name="Errors"/>.</param>
/// <param name="Errors">The evaluation's errors, reported only if the model turns out not to be a duplicate.</param>
public sealed record SettledModel(string Namespace, string Name, string File, SourcePosition Start, SourcePosition NamePosition,
    AuditResult? Result, IReadOnlyList<ManifestError> Errors);
