using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Images;
using AiGuard.Engine.Policies;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Engine.Controls;

/// <summary>
/// EvaluationContext is what every control reads: the validated spec, the applicable policies, the resolved image
/// and the optional cluster and sealing inputs.
/// </summary>
internal sealed class EvaluationContext
{
    private IReadOnlyList<SealedValueCheck>? sealedValues;

    public EvaluationContext(
        ModelDeployment model,
        string @namespace,
        ApplicablePolicies policies,
        string enforcement,
        ImageResolution image,
        EvaluationInput input)
    {
        Model = model;
        Namespace = @namespace;
        Policies = policies;
        Enforcement = enforcement;
        Image = image;
        Cluster = input.Cluster;
        Sealing = input.Sealing;
        Vulnerabilities = input.Vulnerabilities ?? [];
    }

    public ModelDeployment Model { get; }

    /// <summary>The validated spec: required sub-objects are present.</summary>
    public ModelDeploymentSpec Spec => Model.Spec;

    public string Name => Model.Metadata.Name;

    public string Namespace { get; }

    public ApplicablePolicies Policies { get; }

    /// <summary>The effective enforcement, Enforce or Audit.</summary>
    public string Enforcement { get; }

    public ImageResolution Image { get; }

    public ClusterObservations? Cluster { get; }

    public ISealedDataVerifier? Sealing { get; }

    /// <summary>Image scans (empty when there are none); AIG-IMG-03 uses those of the effective image.</summary>
    public IReadOnlyList<ImageScan> Vulnerabilities { get; }

    /// <summary>Every sealed value, verified once (empty without a verifier).</summary>
    public IReadOnlyList<SealedValueCheck> SealedValues => sealedValues ??= SealedValueCheck.VerifyAll(this);
}
