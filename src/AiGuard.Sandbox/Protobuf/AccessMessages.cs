using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>
/// Protobuf messages kubectl sends for identity and access: <c>create serviceaccount|role|clusterrole|rolebinding|
/// clusterrolebinding</c>, <c>create token</c> (TokenRequest) and <c>auth can-i|whoami</c> (the self reviews).
/// </summary>
internal static class AccessMessages
{
    private static readonly ProtoMessage PolicyRule = new("rbac.v1.PolicyRule", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.StringList("verbs"),
        [2] = ProtoMessage.StringList("apiGroups"),
        [3] = ProtoMessage.StringList("resources"),
        [4] = ProtoMessage.StringList("resourceNames"),
        [5] = ProtoMessage.StringList("nonResourceURLs"),
    });

    private static readonly ProtoMessage SelectorRequirement = new("meta.v1.LabelSelectorRequirement", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("key"),
        [2] = ProtoMessage.String("operator"),
        [3] = ProtoMessage.StringList("values"),
    });

    private static readonly ProtoMessage LabelSelector = new("meta.v1.LabelSelector", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Map("matchLabels", bytesValue: false),
        [2] = ProtoMessage.MessageList("matchExpressions", SelectorRequirement),
    });

    private static readonly ProtoMessage AggregationRule = new("rbac.v1.AggregationRule", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.MessageList("clusterRoleSelectors", LabelSelector),
    });

    private static readonly ProtoMessage Subject = new("rbac.v1.Subject", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("kind"),
        [2] = ProtoMessage.String("apiGroup"),
        [3] = ProtoMessage.String("name"),
        [4] = ProtoMessage.String("namespace"),
    });

    private static readonly ProtoMessage RoleRef = new("rbac.v1.RoleRef", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("apiGroup", omitEmpty: false),
        [2] = ProtoMessage.String("kind"),
        [3] = ProtoMessage.String("name"),
    });

    private static readonly ProtoMessage Role = new("rbac.v1.Role", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta),
        [2] = ProtoMessage.MessageList("rules", PolicyRule),
        [3] = ProtoMessage.Message("aggregationRule", AggregationRule),
    });

    private static readonly ProtoMessage Binding = new("rbac.v1.RoleBinding", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta),
        [2] = ProtoMessage.MessageList("subjects", Subject),
        [3] = ProtoMessage.Message("roleRef", RoleRef),
    });

    private static readonly ProtoMessage ServiceAccount = new("v1.ServiceAccount", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta),
        [4] = ProtoMessage.Bool("automountServiceAccountToken"),
    });

    private static readonly ProtoMessage TokenRequestSpec = new("authentication.v1.TokenRequestSpec", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.StringList("audiences"),
        [4] = ProtoMessage.Int64("expirationSeconds"),
    });

    private static readonly ProtoMessage ResourceAttributes = new("authorization.v1.ResourceAttributes", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("namespace"),
        [2] = ProtoMessage.String("verb"),
        [3] = ProtoMessage.String("group"),
        [4] = ProtoMessage.String("version"),
        [5] = ProtoMessage.String("resource"),
        [6] = ProtoMessage.String("subresource"),
        [7] = ProtoMessage.String("name"),
    });

    private static readonly ProtoMessage NonResourceAttributes = new("authorization.v1.NonResourceAttributes", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("path"),
        [2] = ProtoMessage.String("verb"),
    });

    private static readonly ProtoMessage AccessReviewSpec = new("authorization.v1.SelfSubjectAccessReviewSpec", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.Message("resourceAttributes", ResourceAttributes),
        [2] = ProtoMessage.Message("nonResourceAttributes", NonResourceAttributes),
    });

    private static readonly ProtoMessage RulesReviewSpec = new("authorization.v1.SelfSubjectRulesReviewSpec", new Dictionary<int, ProtoFieldReader>
    {
        [1] = ProtoMessage.String("namespace"),
    });

    /// <summary>Decodes one of the kinds above into <paramref name="target"/>; false for any other kind.</summary>
    public static bool TryDecode(string apiVersion, string kind, ReadOnlySpan<byte> raw, JsonObject target)
    {
        var message = (apiVersion, kind) switch
        {
            ("v1", "ServiceAccount") => ServiceAccount,
            ("rbac.authorization.k8s.io/v1", "Role" or "ClusterRole") => Role,
            ("rbac.authorization.k8s.io/v1", "RoleBinding" or "ClusterRoleBinding") => Binding,
            ("authentication.k8s.io/v1", "TokenRequest") => WithSpec(TokenRequestSpec),
            ("authorization.k8s.io/v1", "SelfSubjectAccessReview") => WithSpec(AccessReviewSpec),
            ("authorization.k8s.io/v1", "SelfSubjectRulesReview") => WithSpec(RulesReviewSpec),
            ("authentication.k8s.io/v1", "SelfSubjectReview") => WithSpec(null),
            _ => null,
        };
        message?.Decode(raw, target);
        return message is not null;
    }

    private static ProtoMessage WithSpec(ProtoMessage? spec)
    {
        var fields = new Dictionary<int, ProtoFieldReader> { [1] = ProtoMessage.Message("metadata", ObjectMetaMessages.ObjectMeta) };
        if (spec is not null)
        {
            fields[2] = ProtoMessage.Message("spec", spec);
        }

        return new ProtoMessage("review", fields);
    }
}
