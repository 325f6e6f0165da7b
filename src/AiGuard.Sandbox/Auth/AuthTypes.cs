using AiGuard.Sandbox.Resources;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// The create-only review kinds kubectl's <c>auth can-i</c> and <c>auth whoami</c> post. They are served in
/// discovery like on a real server but never stored: <see cref="ReviewEndpoints"/> answers them.
/// </summary>
internal static class AuthTypes
{
    public const string AuthorizationGroup = "authorization.k8s.io";
    public const string AuthenticationGroup = "authentication.k8s.io";

    public static IReadOnlyList<ResourceType> All() =>
    [
        Review(AuthorizationGroup, "selfsubjectaccessreviews", "SelfSubjectAccessReview"),
        Review(AuthorizationGroup, "selfsubjectrulesreviews", "SelfSubjectRulesReview"),
        Review(AuthenticationGroup, "selfsubjectreviews", "SelfSubjectReview"),
    ];

    public static bool IsReview(ResourceType type) =>
        type.Group is AuthorizationGroup or AuthenticationGroup && type.ServedVerbs is ["create"];

    private static ResourceType Review(string group, string plural, string kind) => new()
    {
        Group = group,
        Version = "v1",
        Plural = plural,
        Kind = kind,
        Namespaced = false,
        ServedVerbs = ["create"],
        AcceptsProtobuf = true,
    };
}
