using System.Text.RegularExpressions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Engine;

namespace AiGuard.Cli.Audit;

/// <summary>
/// AuditResult is the engine's assessment of one ModelDeployment from the inputs, with only what reports show: its
/// identity, where it starts and where each finding points, and of its assessment only what reports print (enforcement,
/// phase, score, findings and the list of control results). It keeps neither the typed object, nor its source map,
/// nor the assessment itself, so that a large audit holds one small result per model rather than every model it has read.
/// </summary>
public sealed partial record AuditResult
{
    private readonly SourcePosition[] _findingPositions;
    private readonly string _enforcement;
    private readonly string _phase;
    private readonly int _score;
    private readonly IReadOnlyList<Finding> _findings;
    private readonly IReadOnlyList<ControlResult> _results;

    private AuditResult(string ns, string name, string file, SourcePosition start, Assessment printed, SourcePosition[] findingPositions)
    {
        Namespace = ns;
        Name = name;
        File = file;
        Start = start;
        _enforcement = printed.Enforcement;
        _phase = printed.Phase;
        _score = printed.Score;
        _findings = printed.Findings;
        _results = printed.Results;
        _findingPositions = findingPositions;
    }

    public string Kind { get; } = ModelDeployment.KubeKind;

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The input file the ModelDeployment was read from, as reports name it.</summary>
    public string File { get; }

    /// <summary>Where the ModelDeployment starts in <see cref="File"/>.</summary>
    public SourcePosition Start { get; }

    /// <summary>
    /// The assessment as reports print it: enforcement, phase, score, findings and control results; built anew on each
    /// read (the engine's other fields, such as the image or the applied policies, are not kept).
    /// </summary>
    public Assessment Assessment => new() { Enforcement = _enforcement, Phase = _phase, Score = _score, Findings = _findings, Results = _results };

    /// <summary>Every finding is waived (<see cref="Assessment.Compliant"/>, without building the findings).</summary>
    public bool Compliant => CompactFindings.Unwaived(_findings, _ => true) == 0;

    /// <summary><c>namespace/name</c>.</summary>
    public string Id => $"{Namespace}/{Name}";

    /// <summary><c>file:line</c> where the ModelDeployment starts.</summary>
    public string Source => $"{File}:{Start.Line}";

    /// <summary>The result for <paramref name="model"/>, locating each finding while its source map is at hand.</summary>
    public static AuditResult Of(LoadedObject<ModelDeployment> model, Assessment assessment) => Of(model, assessment, new TextTemplates(), new TextTemplates());

    /// <summary>
    /// The result for <paramref name="model"/>, its findings' messages and remediations kept against the run's
    /// <paramref name="messages"/> and <paramref name="remediations"/> (<see cref="CompactFindings"/>).
    /// </summary>
    public static AuditResult Of(LoadedObject<ModelDeployment> model, Assessment assessment, TextTemplates messages, TextTemplates remediations)
    {
        var origin = model.Origin;
        var positions = new SourcePosition[assessment.Findings.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            var match = LeadingField().Match(assessment.Findings[i].Message);
            positions[i] = match.Success ? origin.Map.Locate(FieldPath.Parse(match.Value)) : origin.Start;
        }
        var metadata = model.Object.Metadata;
        var printed = assessment with { Findings = CompactFindings.Of(assessment.Findings, messages, remediations) };
        return new AuditResult(metadata.NamespaceProperty ?? EvaluationDefaults.Namespace, metadata.Name, origin.File, origin.Start, printed, positions);
    }

    /// <summary>
    /// Where a finding points in the file: findings name their field first (<c>spec.network.ingress[0] has no
    /// 'from'</c>), so that field's line is used; otherwise the line where the ModelDeployment starts.
    /// </summary>
    public SourcePosition Locate(Finding finding)
    {
        // By value: equal findings of one model name the same field, so they point at the same line.
        for (var i = 0; i < _findingPositions.Length; i++)
        {
            if (_findings[i] == finding)
            {
                return _findingPositions[i];
            }
        }
        return Start;
    }

    [GeneratedRegex(@"^spec(\.[A-Za-z0-9]+|\[\d+\])*")]
    private static partial Regex LeadingField();
}
