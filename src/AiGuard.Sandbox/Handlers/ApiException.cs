using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;

namespace AiGuard.Sandbox.Handlers;

/// <summary>
/// A request failure that becomes a <c>kind: Status</c> response, shaped like the real API server's
/// (reason, code, details with name/group/kind and causes) so clients map it to the same errors.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public int Code { get; }
    public string Reason { get; }
    public JsonObject? Details { get; }
    public int? RetryAfterSeconds { get; }

    public JsonObject ToStatus() => Status(Code, Reason, Message, Details?.DeepClone().AsObject());

    public static JsonObject Status(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    private static JsonObject DetailsFor(ResourceType type, string? name)
    {
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        return details;
    }

    private static string Qualified(ResourceType type) => type.Group.Length == 0 ? type.Plural : type.Plural + "." + type.Group;

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{Qualified(type)} \"{name}\" not found", DetailsFor(type, name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{Qualified(type)} \"{name}\" already exists", DetailsFor(type, name));

    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(type)} \"{name}\": {why}", DetailsFor(type, name));

    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<StatusCause> causes)
    {
        var details = DetailsFor(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)c.ToJson()).ToArray());
        var summary = string.Join(", ", causes.Select(c => c.Field.Length > 0 ? $"{c.Field}: {c.Message}" : c.Message));
        var label = type.Group.Length == 0 ? type.Kind : type.Kind + "." + type.Group;
        return new(422, "Invalid", $"{label} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiException Invalid(ResourceType type, string name, string field, string message) =>
        Invalid(type, name, [new StatusCause("FieldValueInvalid", message, field)]);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Forbidden(string message) => new(403, "Forbidden", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got \"{contentType}\")");

    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>413 as kube-apiserver answers a body over its limit, or (see docs/sandbox.md) an object over etcd's.</summary>
    public static ApiException RequestEntityTooLarge(string message) => new(413, "RequestEntityTooLarge", message);

    /// <summary>
    /// A request for a resource this server does not serve: 404 NotFound like kube-apiserver's, with a message and
    /// details that name the resource and group-version, so a client's error says what is missing.
    /// </summary>
    public static ApiException NotServed(string group, string version, string plural)
    {
        var details = new JsonObject { ["kind"] = plural };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        var groupVersion = group.Length == 0 ? version : group + "/" + version;
        return new(404, "NotFound", $"the server could not find the requested resource: {plural} in {groupVersion} is not served by this API server", details);
    }

    public static ApiException NotFoundPath(string path) => new(404, "NotFound", $"the server could not find the requested resource ({path})");
}

/// <summary>One entry of a Status' details.causes: which field failed and why.</summary>
internal sealed record StatusCause(string Reason, string Message, string Field = "")
{
    public JsonObject ToJson()
    {
        var cause = new JsonObject { ["reason"] = Reason, ["message"] = Message };
        if (Field.Length > 0)
        {
            cause["field"] = Field;
        }

        return cause;
    }
}
