using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s.Models;

namespace AiGuard.Engine.Tests.Samples;

/// <summary>
/// Builds ModelDeployments for tests. The default is fully compliant under the catalog defaults, so each test
/// changes only the field it is about.
/// </summary>
public sealed class ModelDeploymentBuilder
{
    public const string Name = "fraud-scorer";
    public const string Namespace = "ml-prod";
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string ModelSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly ModelDeployment model = new()
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
        Spec = new ModelDeploymentSpec
        {
            Owner = "team-risk@example.com",
            RiskLevel = RiskLevels.Limited,
            Model = new ModelSource { Uri = "s3://models/fraud/v3/model.onnx", Sha256 = ModelSha },
            Serving = new ServingSpec { Image = "ghcr.io/acme/triton:24.08-py3@" + Digest },
        },
    };

    public ModelDeploymentBuilder With(Action<ModelDeploymentSpec> change)
    {
        change(model.Spec);
        return this;
    }

    public ModelDeploymentBuilder Named(string name, string? @namespace = Namespace)
    {
        model.Metadata.Name = name;
        model.Metadata.NamespaceProperty = @namespace;
        return this;
    }

    public ModelDeploymentBuilder Image(string image) => With(s => s.Serving.Image = image);

    public ModelDeploymentBuilder AutoPatch() => With(s => s.Updates = new UpdatesSpec { Patch = PatchModes.Auto });

    public ModelDeploymentBuilder Enforcement(string mode) => With(s => s.Enforcement = mode);

    public ModelDeploymentBuilder Ingress(params IngressRule[] rules) => With(s => (s.Network ??= new NetworkSpec()).Ingress = [.. rules]);

    public ModelDeploymentBuilder Egress(params EgressRule[] rules) => With(s => (s.Network ??= new NetworkSpec()).Egress = [.. rules]);

    /// <summary>One egress rule per CIDR.</summary>
    public ModelDeploymentBuilder EgressTo(params string[] cidrs) =>
        Egress([.. cidrs.Select(c => new EgressRule { To = [new NetworkPeer { IpBlock = new IpBlock { Cidr = c } }] })]);

    public ModelDeploymentBuilder Secret(SecretSpec secret) => With(s => (s.Secrets ??= []).Add(secret));

    public ModelDeploymentBuilder SealedSecret(string name, params (string Key, string Value)[] values) =>
        Secret(new SecretSpec { Name = name, SealedData = values.ToDictionary(v => v.Key, v => v.Value) });

    public ModelDeploymentBuilder ExistingSecret(string name, string? expose = null) =>
        Secret(new SecretSpec { Name = name, ExistingSecret = name, Expose = expose });

    public ModelDeploymentBuilder ApiRules(params V1PolicyRule[] rules) => With(s => (s.Access ??= new AccessSpec()).ApiRules = [.. rules]);

    public ModelDeploymentBuilder SecurityContext(SecurityContextSpec context) => With(s => s.Serving.SecurityContext = context);

    public ModelDeploymentBuilder Annotate(string key, string value)
    {
        (model.Metadata.Annotations ??= new Dictionary<string, string>())[key] = value;
        return this;
    }

    public ModelDeploymentBuilder Quarantine(string reason) => Annotate(ApiGroup.QuarantineAnnotation, reason);

    public ModelDeployment Build() => model;

    public static V1PolicyRule Rule(string resources, string verbs, string apiGroups = "") =>
        new() { ApiGroups = [.. apiGroups.Split(',')], Resources = [.. resources.Split(',')], Verbs = [.. verbs.Split(',')] };
}
