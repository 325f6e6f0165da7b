namespace AiGuard.Sandbox.Auth;

/// <summary>
/// The authorization step of every request: system:masters is allowed without looking at any rule (so the admin
/// and the operator tests pay nothing), everyone else is decided by RBAC.
/// </summary>
internal sealed class RbacAuthorizer(RbacIndex index)
{
    public RbacIndex Index => index;

    public bool Allows(RequestAttributes request, out string reason)
    {
        if (request.User.IsMaster)
        {
            reason = "";
            return true;
        }

        return index.Allows(request, out reason);
    }

    public bool Allows(RequestAttributes request) => Allows(request, out _);

    /// <summary>Throws the real server's 403 Status when the request is not allowed.</summary>
    public void Require(RequestAttributes request)
    {
        if (!Allows(request, out _))
        {
            throw Forbidden.Denied(request);
        }
    }
}
