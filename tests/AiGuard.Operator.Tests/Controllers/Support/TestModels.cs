using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>TestModels builds ModelDeployments, GuardPolicies and GuardExceptions for the controller tests.</summary>
public static class TestModels
{
    public const string Digest = "sha256:946b17aac5d00991806e4ae0581c5a87c856cc9a9134bc9cb7cd0a1aa85ac57f";
    public const string ModelSha = "5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29";

    /// <summary>A model that passes every control with no policy: pinned model and image, owner, risk level, hardened pod.</summary>
    public static ModelDeployment Compliant(string ns, string name, string image = "ghcr.io/acme/triton:24.08-py3@" + Digest, bool withAccess = false)
    {
        var model = new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new ModelDeploymentSpec
            {
                Owner = "team-ml@example.com",
                RiskLevel = RiskLevels.Limited,
                Model = new ModelSource { Uri = "s3://models/" + name + "/model.onnx", Sha256 = ModelSha },
                Serving = new ServingSpec { Image = image, Port = 8000 },
            },
        };
        if (withAccess)
        {
            model.Spec.Access = new AccessSpec
            {
                Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }],
                Viewers = [new AccessSubject { Kind = "Group", Name = "analysts" }],
            };
        }

        return model;
    }

    /// <summary>A policy for every namespace (or those matching <paramref name="matchLabels"/>) under Enforce.</summary>
    public static GuardPolicy Policy(string name, Dictionary<string, string>? matchLabels = null, Action<GuardPolicySpec>? configure = null)
    {
        var policy = new GuardPolicy
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new GuardPolicySpec
            {
                NamespaceSelector = matchLabels is null ? null : new V1LabelSelector { MatchLabels = matchLabels },
                Enforcement = EnforcementModes.Enforce,
            },
        };
        configure?.Invoke(policy.Spec);
        return policy;
    }

    public static GuardException Exception(string ns, string name, string model, string control, DateTime expiresAt) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new GuardExceptionSpec
        {
            ModelDeployments = [model],
            Controls = [control],
            Justification = "vendor fix ships next sprint; traffic is internal only",
            ApprovedBy = "security@example.com",
            ExpiresAt = expiresAt,
        },
    };
}
