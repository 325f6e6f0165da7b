using System.Net;
using System.Text;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>
/// core/v1 and events.k8s.io/v1 Events are one store, as in kube-apiserver: an event written through either API is
/// read, listed, selected, watched and patched through both, with kube-apiserver's field mapping.
/// </summary>
public sealed class EventStoreTests : SandboxFixture
{
    private static readonly DateTime EventTime = new(2026, 1, 2, 3, 4, 5, 123, DateTimeKind.Utc);

    private static Eventsv1Event NewApiEvent(string name, string ns = "default", string regardingNamespace = "default") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        EventTime = EventTime,
        ReportingController = "aiguard.io/operator",
        ReportingInstance = "operator-0",
        Action = "Reconcile",
        Reason = "Blocked",
        Note = "rollout blocked: AIG-IMG-03",
        Type = "Warning",
        Series = new Eventsv1EventSeries { Count = 3, LastObservedTime = EventTime.AddMinutes(1) },
        Regarding = new V1ObjectReference { ApiVersion = "aiguard.io/v1alpha1", Kind = "ModelDeployment", Name = "chat", NamespaceProperty = regardingNamespace, Uid = "uid-1" },
    };

    [Fact]
    public async Task An_event_written_through_events_k8s_io_reads_through_core_v1_with_the_kube_apiserver_field_mapping()
    {
        await Client.EventsV1.CreateNamespacedEventAsync(NewApiEvent("new-style"), "default");

        var core = await Client.CoreV1.ReadNamespacedEventAsync("new-style", "default");

        Assert.Equal("v1", core.ApiVersion);
        Assert.Equal("rollout blocked: AIG-IMG-03", core.Message);
        Assert.Equal("ModelDeployment", core.InvolvedObject.Kind);
        Assert.Equal("chat", core.InvolvedObject.Name);
        Assert.Equal("uid-1", core.InvolvedObject.Uid);
        Assert.Equal("aiguard.io/operator", core.ReportingComponent);
        Assert.Equal("operator-0", core.ReportingInstance);
        Assert.Equal("Reconcile", core.Action);
        Assert.Equal(3, core.Series.Count);
        Assert.Equal(EventTime, core.EventTime?.ToUniversalTime());
        Assert.Null(core.Count);
    }

    [Fact]
    public async Task A_core_event_reads_through_events_k8s_io_with_its_deprecated_fields()
    {
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "old-style" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = "default" },
            Reason = "BackOff",
            Message = "restarting",
            Type = "Warning",
            Source = new V1EventSource { Component = "kubelet", Host = "node-1" },
            FirstTimestamp = first,
            LastTimestamp = first.AddMinutes(5),
            Count = 7,
        }, "default");

        var viaEvents = await Client.EventsV1.ReadNamespacedEventAsync("old-style", "default");

        Assert.Equal("events.k8s.io/v1", viaEvents.ApiVersion);
        Assert.Equal("restarting", viaEvents.Note);
        Assert.Equal("web", viaEvents.Regarding.Name);
        Assert.Equal("kubelet", viaEvents.DeprecatedSource.Component);
        Assert.Equal("node-1", viaEvents.DeprecatedSource.Host);
        Assert.Equal(7, viaEvents.DeprecatedCount);
        Assert.Equal(first, viaEvents.DeprecatedFirstTimestamp?.ToUniversalTime());
        Assert.Equal(first.AddMinutes(5), viaEvents.DeprecatedLastTimestamp?.ToUniversalTime());
    }

    [Fact]
    public async Task Field_selectors_of_each_api_select_events_written_through_the_other()
    {
        await Client.EventsV1.CreateNamespacedEventAsync(NewApiEvent("selected"), "default");
        var other = NewApiEvent("other");
        other.Regarding.Name = "someone-else";
        await Client.EventsV1.CreateNamespacedEventAsync(other, "default");

        // kubectl describe's selector: involvedObject.name/namespace/kind/uid on the core API.
        var core = await Client.CoreV1.ListNamespacedEventAsync("default",
            fieldSelector: "involvedObject.name=chat,involvedObject.namespace=default,involvedObject.kind=ModelDeployment,involvedObject.uid=uid-1");
        var events = await Client.EventsV1.ListNamespacedEventAsync("default", fieldSelector: "regarding.name=chat,reportingController=aiguard.io/operator");

        Assert.Equal("selected", Assert.Single(core.Items).Metadata.Name);
        Assert.Equal("selected", Assert.Single(events.Items).Metadata.Name);
    }

    [Fact]
    public async Task A_core_watch_sees_an_event_written_through_events_k8s_io()
    {
        using var http = Server.CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(30);
        using var response = await http.GetAsync("/api/v1/namespaces/default/events?watch=true&timeoutSeconds=10", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await Client.EventsV1.CreateNamespacedEventAsync(NewApiEvent("watched"), "default");

        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(line);
        Assert.Contains("\"type\":\"ADDED\"", line, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"rollout blocked: AIG-IMG-03\"", line, StringComparison.Ordinal);
        Assert.Contains("\"involvedObject\":", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_through_events_k8s_io_changes_the_core_message()
    {
        await Client.EventsV1.CreateNamespacedEventAsync(NewApiEvent("patched"), "default");

        await Client.EventsV1.PatchNamespacedEventAsync(
            new V1Patch("{\"note\":\"rollout unblocked\"}", V1Patch.PatchType.MergePatch), "patched", "default");

        var core = await Client.CoreV1.ReadNamespacedEventAsync("patched", "default");
        Assert.Equal("rollout unblocked", core.Message);
        Assert.Equal("chat", core.InvolvedObject.Name);
    }

    [Fact]
    public async Task An_events_k8s_io_event_without_its_required_fields_is_rejected_naming_each_and_not_stored()
    {
        var bad = NewApiEvent("incomplete");
        bad.ReportingController = null;
        bad.Action = null;
        bad.DeprecatedCount = 4;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.EventsV1.CreateNamespacedEventAsync(bad, "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("reportingController", error.Response.Content, StringComparison.Ordinal);
        Assert.Contains("action", error.Response.Content, StringComparison.Ordinal);
        Assert.Contains("deprecatedCount", error.Response.Content, StringComparison.Ordinal);
        Assert.Empty((await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "metadata.name=incomplete")).Items);
    }

    [Fact]
    public async Task An_event_written_in_another_namespace_never_shows_among_the_objects_own_events()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "attacker" } });

        // Old-style core events must agree with their object's namespace (kube-apiserver's legacy rule)...
        var viaCore = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "forged-core" },
            InvolvedObject = new V1ObjectReference { Kind = "ModelDeployment", Name = "chat", NamespaceProperty = "default" },
            Reason = "Compliant",
            Message = "all good",
        }, "attacker"));

        // ...new-style ones may name any namespace, as on a real server, but stay in their own: the object's namespace
        // (where kubectl describe looks) never lists them.
        await Client.EventsV1.CreateNamespacedEventAsync(NewApiEvent("forged", "attacker", regardingNamespace: "default"), "attacker");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, viaCore.Response.StatusCode);
        Assert.Contains("involvedObject.namespace", viaCore.Response.Content, StringComparison.Ordinal);
        Assert.Empty((await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=chat")).Items);
        Assert.Equal("forged", Assert.Single((await Client.CoreV1.ListNamespacedEventAsync("attacker")).Items).Metadata.Name);
    }

    [Fact]
    public async Task A_note_longer_than_1024_characters_is_rejected()
    {
        var flood = NewApiEvent("flood");
        flood.Note = new string('x', 1025);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.EventsV1.CreateNamespacedEventAsync(flood, "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("note", error.Response.Content, StringComparison.Ordinal);
        Assert.Contains("1024", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_label_the_api_does_not_have_is_a_bad_request_naming_it()
    {
        using var http = Server.CreateHttpClient();

        using var events = await http.GetAsync("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dx");
        using var core = await http.GetAsync("/api/v1/namespaces/default/events?fieldSelector=note%3Dx");

        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.Contains("field label not supported: involvedObject.name", await events.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, core.StatusCode);
        Assert.Contains("field label not supported: note", Encoding.UTF8.GetString(await core.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }
}
