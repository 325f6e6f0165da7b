using AiGuard.Api.ModelDeployments;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// ModelDeploymentMetrics exports what the ModelDeployments' statuses say, computed from the cache at scrape time
/// (as kube-state-metrics does), so the reconciler needs no metrics code and a deleted model's series disappear:
/// <c>aiguard_modeldeployment_phase{namespace,name,phase}</c> is 1 for the current phase (the other phases have no
/// series), and <c>aiguard_findings{namespace,name,control,severity}</c> counts unwaived findings. Only the leader
/// exports them, so <c>sum()</c> across replicas does not double count. The series stay per model because the chart's
/// alerts and dashboard name the model that needs attention; one series per model instead of one per phase keeps a
/// 10,000-model cluster at 10,000 phase series (and the operator about 3 KiB per model lighter), and every query the
/// chart ships (<c>== 1</c>, <c>sum by (phase)</c>, <c>or vector(0)</c>) reads the same.
/// </summary>
public sealed class ModelDeploymentMetrics
{
    private readonly Gauge _phase;
    private readonly Gauge _findings;
    private readonly Func<IEnumerable<ModelDeployment>> _models;
    private readonly Func<bool> _exporting;
    private readonly Lock _gate = new();

    /// <summary>Registers the series in <paramref name="registry"/>, refreshed before every collection.</summary>
    /// <param name="registry">Where the series live.</param>
    /// <param name="models">The cached ModelDeployments.</param>
    /// <param name="exporting">True while this replica should export (it leads).</param>
    public ModelDeploymentMetrics(CollectorRegistry registry, Func<IEnumerable<ModelDeployment>> models, Func<bool> exporting)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _models = models;
        _exporting = exporting;
        var factory = Metrics.WithCustomRegistry(registry);
        _phase = factory.CreateGauge(
            "aiguard_modeldeployment_phase", "1 for the ModelDeployment's current status.phase (one series per model).",
            new GaugeConfiguration { LabelNames = ["namespace", "name", "phase"], SuppressInitialValue = true });
        _findings = factory.CreateGauge(
            "aiguard_findings", "Unwaived findings in the ModelDeployment's status, by control and severity.",
            new GaugeConfiguration { LabelNames = ["namespace", "name", "control", "severity"], SuppressInitialValue = true });
        registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>Recomputes every series from the cache (called before each scrape).</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            var phases = new HashSet<(string, string, string)>();
            var findings = new Dictionary<(string, string, string, string), int>();
            if (_exporting())
            {
                foreach (var model in _models())
                {
                    var ns = model.Metadata?.NamespaceProperty ?? "";
                    var name = model.Metadata?.Name ?? "";
                    if (model.Status?.Phase is not { Length: > 0 } current)
                    {
                        continue; // not reconciled yet: no phase to report
                    }

                    phases.Add((ns, name, current));
                    _phase.WithLabels(ns, name, current).Set(1);

                    foreach (var finding in model.Status.Findings ?? [])
                    {
                        if (!finding.Waived)
                        {
                            var key = (ns, name, finding.Control, finding.Severity);
                            findings[key] = findings.GetValueOrDefault(key) + 1;
                        }
                    }
                }
            }

            foreach (var ((ns, name, control, severity), count) in findings)
            {
                _findings.WithLabels(ns, name, control, severity).Set(count);
            }

            foreach (var labels in _phase.GetAllLabelValues().ToList())
            {
                if (!phases.Contains((labels[0], labels[1], labels[2])))
                {
                    _phase.RemoveLabelled(labels);
                }
            }

            foreach (var labels in _findings.GetAllLabelValues().ToList())
            {
                if (!findings.ContainsKey((labels[0], labels[1], labels[2], labels[3])))
                {
                    _findings.RemoveLabelled(labels);
                }
            }
        }
    }
}
