using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Hosting;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// Authentication, impersonation, RBAC authorization and RBAC admission of the sandbox, wired the way
/// kube-apiserver runs them: identify the caller, decide the request, check escalation on RBAC writes.
/// Not implemented: client certificates, OIDC, webhook token review, webhook/Node/ABAC authorizers.
/// </summary>
internal sealed class AccessControl
{
    private readonly Cluster cluster;

    public AccessControl(Cluster cluster, IReadOnlyDictionary<string, UserInfo> staticTokens)
    {
        this.cluster = cluster;
        Authenticator = new Authenticator(cluster, staticTokens);
        Index = new RbacIndex();
        Authorizer = new RbacAuthorizer(Index);
        Aggregation = new ClusterRoleAggregation(cluster, Index);
        Escalation = new EscalationCheck(Authorizer);
        Reviews = new ReviewEndpoints(Authorizer);
        Tokens = new TokenRequestEndpoint(cluster, Authenticator.ServiceAccountTokens);
    }

    public Authenticator Authenticator { get; }
    public RbacIndex Index { get; }
    public RbacAuthorizer Authorizer { get; }
    public ClusterRoleAggregation Aggregation { get; }
    public EscalationCheck Escalation { get; }
    public ReviewEndpoints Reviews { get; }
    public TokenRequestEndpoint Tokens { get; }

    /// <summary>Authenticates the request (401 for a bad token), applies impersonation and records the user for the handlers.</summary>
    public UserInfo Identify(HttpContext context)
    {
        var user = Impersonation.Apply(context.Request, Authenticator.Authenticate(context.Request), Authorizer);
        RequestIdentity.Set(context, user, user.IsMaster ? null : (type, obj) => Escalation.Admit(user, type, obj));
        return user;
    }

    /// <summary>403 unless RBAC allows <paramref name="verb"/> on the route (apply counts as patch, as in RBAC).</summary>
    public void AuthorizeResource(UserInfo user, string verb, ResourceRoute route)
    {
        if (user.IsMaster)
        {
            return;
        }

        var type = route.Type;
        // The real server scopes a namespace object's own requests to that namespace, so a RoleBinding can grant "get namespaces".
        var ns = type.Group.Length == 0 && type.Plural == "namespaces" ? route.Name ?? "" : route.Namespace ?? "";
        Authorizer.Require(RequestAttributes.ForResource(user, verb == "apply" ? "patch" : verb, type.Group, type.Plural, route.Subresource, ns, route.Name ?? ""));
    }

    public void AuthorizePath(UserInfo user, string method, string path)
    {
        if (!user.IsMaster)
        {
            Authorizer.Require(RequestAttributes.ForPath(user, method.ToLowerInvariant(), path));
        }
    }

    /// <summary>Runs after each committed RBAC write: refreshes the index and re-aggregates ClusterRoles.</summary>
    public void RbacWritten(ResourceType type, WriteResult result)
    {
        Index.Apply(type, result);
        if (type.Plural == "clusterroles")
        {
            Aggregation.Reconcile();
        }
    }

    /// <summary>Creates the default ClusterRoles and ClusterRoleBindings (<c>DefaultPolicy.yaml</c>).</summary>
    public void SeedDefaultPolicy()
    {
        using var stream = typeof(AccessControl).Assembly.GetManifestResourceStream("AiGuard.Sandbox.Auth.DefaultPolicy.yaml")
            ?? throw new InvalidOperationException("the embedded default RBAC policy is missing");
        using var reader = new StreamReader(stream);
        var policy = YamlBody.Parse(reader.ReadToEnd()).Node as JsonObject;
        var registry = cluster.Registry.Current;
        foreach (var item in policy.GetArray("items")!.OfType<JsonObject>())
        {
            var type = registry.Find(RbacIndex.Group, "v1", item.GetString("kind") == "ClusterRole" ? "clusterroles" : "clusterrolebindings")!;
            item["apiVersion"] = type.ApiVersion;
            var meta = item.GetOrAddObject("metadata");
            var labels = meta.GetOrAddObject("labels");
            labels["kubernetes.io/bootstrapping"] = "rbac-defaults";
            meta.GetOrAddObject("annotations")["rbac.authorization.kubernetes.io/autoupdate"] = "true";
            cluster.Operations.Create(type, null, item, WriteOptions.System);
        }
    }
}
