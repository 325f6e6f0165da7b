using System.Text.RegularExpressions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Engine;

namespace AiGuard.Cli.Audit;

/// <summary>AuditResult is the engine's assessment of one ModelDeployment from the inputs.</summary>
public sealed partial record AuditResult(LoadedObject<ModelDeployment> Model, Assessment Assessment)
{
    public string Kind { get; } = ModelDeployment.KubeKind;

    public string Namespace => Model.Object.Metadata.NamespaceProperty ?? EvaluationDefaults.Namespace;

    public string Name => Model.Object.Metadata.Name;

    /// <summary><c>namespace/name</c>.</summary>
    public string Id => $"{Namespace}/{Name}";

    /// <summary><c>file:line</c> where the ModelDeployment starts.</summary>
    public string Source => Model.Origin.Source;

    /// <summary>
    /// Where a finding points in the file: findings name their field first (<c>spec.network.ingress[0] has no
    /// 'from'</c>), so that field's line is used; otherwise the line where the ModelDeployment starts.
    /// </summary>
    public SourcePosition Locate(Finding finding)
    {
        var match = LeadingField().Match(finding.Message);
        return match.Success ? Model.Origin.Map.Locate(FieldPath.Parse(match.Value)) : Model.Origin.Start;
    }

    [GeneratedRegex(@"^spec(\.[A-Za-z0-9]+|\[\d+\])*")]
    private static partial Regex LeadingField();
}
