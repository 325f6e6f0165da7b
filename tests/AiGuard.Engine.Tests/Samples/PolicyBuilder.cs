using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s.Models;

namespace AiGuard.Engine.Tests.Samples;

/// <summary>Builds GuardPolicies for tests; the default selects every namespace and sets nothing else.</summary>
public sealed class PolicyBuilder(string name)
{
    private readonly GuardPolicy policy = new() { Metadata = new V1ObjectMeta { Name = name }, Spec = new GuardPolicySpec() };

    public PolicyBuilder With(Action<GuardPolicySpec> change)
    {
        change(policy.Spec);
        return this;
    }

    public PolicyBuilder Selecting(IDictionary<string, string> matchLabels) =>
        With(s => s.NamespaceSelector = new V1LabelSelector { MatchLabels = matchLabels });

    public PolicyBuilder Enforce(string? blockAt = null) => With(s =>
    {
        s.Enforcement = EnforcementModes.Enforce;
        s.BlockAt = blockAt;
    });

    public PolicyBuilder Control(string id, string? severity = null, bool? disabled = null) =>
        With(s => (s.Controls ??= [])[id] = new ControlOverride { Severity = severity, Disabled = disabled });

    public PolicyBuilder AllowedRegistries(params string[] registries) => With(s => (s.Images ??= new ImagePolicy()).AllowedRegistries = [.. registries]);

    public PolicyBuilder RequireDigest() => With(s => (s.Images ??= new ImagePolicy()).RequireDigest = true);

    public PolicyBuilder MinimumVersion(string repository, string version, string? patchedImage = null, params string[] advisories) =>
        With(s => ((s.Images ??= new ImagePolicy()).MinimumVersions ??= []).Add(new MinimumVersion
        {
            Repository = repository,
            Version = version,
            PatchedImage = patchedImage,
            Advisories = [.. advisories],
        }));

    public PolicyBuilder PublicEgress(bool allowed) => With(s => (s.Network ??= new NetworkPolicyRules()).AllowPublicEgress = allowed);

    public PolicyBuilder AllowedEgress(params string[] cidrs) => With(s => (s.Network ??= new NetworkPolicyRules()).AllowedEgressCidrs = [.. cidrs]);

    public PolicyBuilder ExistingSecrets(bool allowed) => With(s => s.Secrets = new SecretPolicy { AllowExistingSecrets = allowed });

    public PolicyBuilder AllowedSources(params string[] sources) => With(s => s.Models = new ModelPolicy { AllowedSources = [.. sources] });

    public PolicyBuilder AllowedResources(params string[] resources) => With(s => s.Rbac = new RbacPolicy { AllowedResources = [.. resources] });

    public PolicyBuilder NonWaivable(params string[] controls) => With(s => s.Exceptions = new ExceptionsPolicy { NonWaivable = [.. controls] });

    public PolicyBuilder Governance(bool? requireOwner, bool? requireRiskLevel) =>
        With(s => s.Governance = new GovernancePolicy { RequireOwner = requireOwner, RequireRiskLevel = requireRiskLevel });

    public PolicyBuilder QuarantineOnCritical() => With(s => s.IncidentResponse = new IncidentResponsePolicy { OnCritical = IncidentResponsePolicy.Quarantine });

    public PolicyBuilder Vulnerabilities(string? failOn = null, bool? onlyFixable = null) =>
        With(s => (s.Images ??= new ImagePolicy()).Vulnerabilities = new VulnerabilityPolicy { FailOn = failOn, OnlyFixable = onlyFixable });

    public GuardPolicy Build() => policy;

    public static implicit operator GuardPolicy(PolicyBuilder builder) => builder.Build();
}
