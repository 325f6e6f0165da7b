using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// Carries the authenticated user of a request, and the admission check its writes must pass, from the
/// dispatcher to the handlers deeper in the pipeline (HttpContext.Items, like a request context).
/// </summary>
internal static class RequestIdentity
{
    private static readonly object UserKey = new();
    private static readonly object AdmissionKey = new();

    public static void Set(HttpContext context, UserInfo user, Action<ResourceType, JsonObject>? admission)
    {
        context.Items[UserKey] = user;
        if (admission is not null)
        {
            context.Items[AdmissionKey] = admission;
        }
    }

    public static UserInfo UserOf(HttpContext context) =>
        context.Items.TryGetValue(UserKey, out var user) && user is UserInfo info ? info : UserInfo.Anonymous;

    /// <summary>The check to run on the final object of a write by this request, or null (system:masters).</summary>
    public static Action<ResourceType, JsonObject>? AdmissionOf(HttpContext context) =>
        context.Items.TryGetValue(AdmissionKey, out var admission) ? admission as Action<ResourceType, JsonObject> : null;
}
