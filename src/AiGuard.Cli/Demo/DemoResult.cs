namespace AiGuard.Cli.Demo;

/// <summary>What a demo run ended with: its exit code, the final state of every sample and the times it took.</summary>
/// <param name="ExitCode">0 when every sample reached its expected phase.</param>
/// <param name="Models">The sample ModelDeployments as last read.</param>
/// <param name="Converged">Time from applying the samples until every one reached its expected phase (or the deadline).</param>
/// <param name="Elapsed">Time of the whole run up to the report (without --keep-running's wait).</param>
/// <param name="Reconciles">Reconciles the operator's /metrics reported (controller_runtime_reconcile_total, all controllers).</param>
/// <param name="ApiRequests">API requests the operator's /metrics reported (rest_client_requests_total).</param>
public sealed record DemoResult(int ExitCode, IReadOnlyList<ModelRow> Models, TimeSpan Converged, TimeSpan Elapsed, double Reconciles, double ApiRequests);
