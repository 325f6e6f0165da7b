using System.Globalization;
using System.Text;
using AiGuard.Api.ModelDeployments;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// ModelDeploymentMetrics exports what the ModelDeployments' statuses say, computed from the cache at scrape time
/// (as kube-state-metrics does), so the reconciler needs no metrics code and a deleted model's series disappear:
/// <c>aiguard_modeldeployment_phase{namespace,name,phase}</c> is 1 for the current phase (the other phases have no
/// series), and <c>aiguard_findings{namespace,name,control,severity}</c> counts unwaived findings. Only the leader
/// exports them, so <c>sum()</c> across replicas does not double count. The series stay per model because the chart's
/// alerts and dashboard name the model that needs attention; one series per model instead of one per phase keeps a
/// 10,000-model cluster at 10,000 phase series, and every query the chart ships (<c>== 1</c>, <c>sum by (phase)</c>,
/// <c>or vector(0)</c>) reads the same.
/// The lines are written straight from the cache after the registry's families (<see cref="WriteAsync"/>), not kept
/// as prometheus-net series: a series object, its label arrays, its cached label bytes and its dictionary slot cost
/// about 1 KiB of heap per model for the life of the process, while the cache already holds every value they repeat.
/// </summary>
public sealed class ModelDeploymentMetrics
{
    /// <summary>The phase family's name.</summary>
    public const string PhaseFamily = "aiguard_modeldeployment_phase";

    /// <summary>The findings family's name.</summary>
    public const string FindingsFamily = "aiguard_findings";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Func<IEnumerable<ModelDeployment>> _models;
    private readonly Func<bool> _exporting;

    /// <summary>Exports the series of <paramref name="models"/> while <paramref name="exporting"/> says so.</summary>
    /// <param name="models">The cached ModelDeployments.</param>
    /// <param name="exporting">True while this replica should export (it leads).</param>
    public ModelDeploymentMetrics(Func<IEnumerable<ModelDeployment>> models, Func<bool> exporting)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(exporting);
        _models = models;
        _exporting = exporting;
    }

    /// <summary>
    /// Writes both families in the Prometheus text format (0.0.4) to <paramref name="output"/>: their HELP and TYPE
    /// lines always, their series only while this replica exports. A model not reconciled yet (no phase) has none.
    /// </summary>
    public async Task WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var exporting = _exporting();
            await writer.WriteAsync($"# HELP {PhaseFamily} 1 for the ModelDeployment's current status.phase (one series per model).\n# TYPE {PhaseFamily} gauge\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var model in exporting ? _models() : [])
            {
                if (model.Status?.Phase is { Length: > 0 } phase)
                {
                    await writer.WriteAsync(Series(PhaseFamily, 1, ("namespace", Namespace(model)), ("name", Name(model)), ("phase", phase)).AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.WriteAsync($"# HELP {FindingsFamily} Unwaived findings in the ModelDeployment's status, by control and severity.\n# TYPE {FindingsFamily} gauge\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var model in exporting ? _models() : [])
            {
                if (model.Status?.Phase is not { Length: > 0 })
                {
                    continue;
                }

                foreach (var ((control, severity), count) in Unwaived(model))
                {
                    await writer.WriteAsync(Series(FindingsFamily, count, ("namespace", Namespace(model)), ("name", Name(model)), ("control", control), ("severity", severity)).AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // A model's unwaived findings counted by control and severity, in the order each pair first appears.
    private static List<KeyValuePair<(string Control, string Severity), int>> Unwaived(ModelDeployment model)
    {
        var counts = new List<KeyValuePair<(string, string), int>>();
        foreach (var finding in model.Status?.Findings ?? [])
        {
            if (finding.Waived)
            {
                continue;
            }

            var index = counts.FindIndex(c => c.Key == (finding.Control, finding.Severity));
            if (index < 0)
            {
                counts.Add(new((finding.Control, finding.Severity), 1));
            }
            else
            {
                counts[index] = new(counts[index].Key, counts[index].Value + 1);
            }
        }

        return counts;
    }

    private static string Namespace(ModelDeployment model) => model.Metadata?.NamespaceProperty ?? "";

    private static string Name(ModelDeployment model) => model.Metadata?.Name ?? "";

    private static string Series(string family, int value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var line = new StringBuilder(family).Append('{');
        for (var i = 0; i < labels.Length; i++)
        {
            line.Append(i == 0 ? "" : ",").Append(labels[i].Name).Append("=\"");
            foreach (var c in labels[i].Value ?? "")
            {
                _ = c switch
                {
                    '\\' => line.Append(@"\\"),
                    '"' => line.Append("\\\""),
                    '\n' => line.Append(@"\n"),
                    _ => line.Append(c),
                };
            }

            line.Append('"');
        }

        return line.Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n').ToString();
    }
}
