using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// Events through either API: kube-apiserver's event validation, run on the stored (core/v1) form and reported
/// with the field names of the API the client wrote through. Events with an eventTime (the new API's events) need
/// a reporting controller and instance, an action and a reason, and bounded texts; events.k8s.io/v1 creates are
/// held to the strict rules (eventTime required, type Normal or Warning, the deprecated fields unset). Old-style
/// core events only need their namespace to agree with the object they are about.
/// </summary>
internal sealed class EventStrategy(bool eventsApi) : ResourceStrategy
{
    private const int ReportingInstanceLimit = 128;
    private const int ActionLimit = 128;
    private const int ReasonLimit = 128;
    private const int NoteLimit = 1024;

    public static EventStrategy Core { get; } = new(eventsApi: false);

    public static EventStrategy Events { get; } = new(eventsApi: true);

    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var ev = eventsApi ? EventConversion.Instance.ToStorage(obj) : obj;
        string F(string core, string events) => eventsApi ? events : core;
        var ns = ev.GetObject("metadata").GetString("namespace") ?? "";
        var involvedNamespace = ev.GetObject("involvedObject").GetString("namespace") ?? "";
        var namespaceField = F("involvedObject.namespace", "regarding.namespace");
        if (string.IsNullOrEmpty(ev.GetString("eventTime")))
        {
            var agrees = involvedNamespace.Length == 0 ? ns is "" or "default" : involvedNamespace == ns;
            if (!agrees)
            {
                causes.Add(Invalid(namespaceField, "does not match event.namespace"));
            }
        }
        else
        {
            if (involvedNamespace.Length == 0 && ns is not "default" and not "kube-system")
            {
                causes.Add(Invalid(namespaceField, "does not match event.namespace"));
            }

            Required(ev, "reportingComponent", F("reportingComponent", "reportingController"), int.MaxValue, causes);
            Required(ev, "reportingInstance", "reportingInstance", ReportingInstanceLimit, causes);
            Required(ev, "action", "action", ActionLimit, causes);
            Required(ev, "reason", "reason", ReasonLimit, causes);
            if ((ev.GetString("message")?.Length ?? 0) > NoteLimit)
            {
                causes.Add(Invalid(F("message", "note"), $"can have at most {NoteLimit} characters"));
            }
        }

        if (eventsApi && old is null)
        {
            ValidateStrict(ev, causes);
        }
    }

    // ValidateEventCreate for events.k8s.io/v1: what the new API promises its readers.
    private static void ValidateStrict(JsonObject ev, List<StatusCause> causes)
    {
        if (string.IsNullOrEmpty(ev.GetString("eventTime")))
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "eventTime"));
        }

        if (ev.GetString("type") is not ("Normal" or "Warning"))
        {
            causes.Add(Invalid("type", $"has invalid value: {ev.GetString("type")}"));
        }

        foreach (var (core, events) in new[] { ("firstTimestamp", "deprecatedFirstTimestamp"), ("lastTimestamp", "deprecatedLastTimestamp") })
        {
            if (!string.IsNullOrEmpty(ev.GetString(core)))
            {
                causes.Add(Invalid(events, "needs to be unset"));
            }
        }

        if ((ev.GetInt64("count") ?? 0) != 0)
        {
            causes.Add(Invalid("deprecatedCount", "needs to be unset"));
        }

        var source = ev.GetObject("source");
        if (!string.IsNullOrEmpty(source.GetString("component")) || !string.IsNullOrEmpty(source.GetString("host")))
        {
            causes.Add(Invalid("deprecatedSource", "needs to be unset"));
        }

        if (ev.GetObject("series") is { } series && ((series.GetInt64("count") ?? 0) < 2 || string.IsNullOrEmpty(series.GetString("lastObservedTime"))))
        {
            causes.Add(Invalid("series", "count must be at least 2 and lastObservedTime set"));
        }
    }

    private static void Required(JsonObject ev, string property, string field, int limit, List<StatusCause> causes)
    {
        var value = ev.GetString(property) ?? "";
        if (value.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", field));
        }
        else if (value.Length > limit)
        {
            causes.Add(Invalid(field, $"can have at most {limit} characters"));
        }
    }

    private static StatusCause Invalid(string field, string message) => new("FieldValueInvalid", "Invalid value: " + message, field);
}
