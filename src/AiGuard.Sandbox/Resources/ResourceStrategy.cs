using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Resources;

/// <summary>
/// Per-kind behaviour of the write path (the real server's "REST strategy"): defaults on create, what an
/// update may change, validation, and reactions after a committed write. The base class does nothing.
/// </summary>
internal class ResourceStrategy
{
    public static ResourceStrategy Default { get; } = new();

    /// <summary>How names of this kind are validated.</summary>
    public virtual NameRule NameRule => NameRule.Subdomain;

    /// <summary>Fills defaults and server-set fields of a new object (status has already been dropped when the kind has a status subresource).</summary>
    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    /// <summary>Carries server-owned fields over from <paramref name="old"/> and fills defaults.</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
    }

    public virtual void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
    }

    /// <summary>Runs after a committed (not dry-run) write, outside the store lock.</summary>
    public virtual void AfterWrite(Cluster cluster, ResourceType type, WriteResult result)
    {
    }
}

/// <summary>The name syntaxes the real server enforces.</summary>
internal enum NameRule
{
    /// <summary>RFC 1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253 characters.</summary>
    Subdomain,

    /// <summary>RFC 1123 label: lowercase alphanumerics and '-', at most 63 characters.</summary>
    Label,

    /// <summary>Any name usable as a path segment (RBAC allows "system:controller:x").</summary>
    PathSegment,
}
