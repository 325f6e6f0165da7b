using System.Collections.Concurrent;
using System.Net;
using System.Text;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Sealing;

/// <summary>
/// InMemoryKubeApi answers the few core/v1 calls the sealing key store makes (Secrets: list by label, create;
/// ConfigMaps: get, create, replace) from memory, at the HTTP level, so the real KubernetesClient code runs.
/// It stands in until the sandbox API server serves these resources; it counts requests per verb so tests can
/// assert that a steady state writes nothing.
/// </summary>
internal sealed class InMemoryKubeApi : DelegatingHandler
{
    private readonly ConcurrentDictionary<(string Kind, string Namespace, string Name), string> _objects = new();
    private long _resourceVersion;

    public ConcurrentQueue<string> Requests { get; } = new();

    public int Writes => Requests.Count(r => !r.StartsWith("GET", StringComparison.Ordinal));

    public IKubernetes CreateClient() =>
        new Kubernetes(new KubernetesClientConfiguration { Host = "http://in-memory.invalid" }, this);

    public V1Secret? Secret(string ns, string name) =>
        _objects.TryGetValue(("secrets", ns, name), out var json) ? KubernetesJson.Deserialize<V1Secret>(json) : null;

    public IReadOnlyList<V1Secret> Secrets(string ns) =>
        [.. _objects.Where(o => o.Key.Kind == "secrets" && o.Key.Namespace == ns).Select(o => KubernetesJson.Deserialize<V1Secret>(o.Value))];

    public V1ConfigMap? ConfigMap(string ns, string name) =>
        _objects.TryGetValue(("configmaps", ns, name), out var json) ? KubernetesJson.Deserialize<V1ConfigMap>(json) : null;

    public void Put(string kind, IKubernetesObject<V1ObjectMeta> obj)
    {
        obj.Metadata.ResourceVersion = Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _objects[(kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name)] = KubernetesJson.Serialize(obj);
    }

    public bool Delete(string kind, string ns, string name) => _objects.TryRemove((kind, ns, name), out _);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Requests.Enqueue($"{request.Method} {request.RequestUri.PathAndQuery}");
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);

        // api/v1/namespaces/{ns}/{kind}[/{name}]
        if (path.Length < 5 || path[0] != "api" || path[1] != "v1" || path[2] != "namespaces" || path[4] is not ("secrets" or "configmaps"))
        {
            return Status(HttpStatusCode.NotFound, "NotFound", $"the in-memory API does not serve {request.RequestUri.AbsolutePath}");
        }

        var (ns, kind, name) = (path[3], path[4], path.Length > 5 ? path[5] : null);
        return (request.Method.Method, name) switch
        {
            ("GET", null) => List(kind, ns, Query(request.RequestUri, "labelSelector")),
            ("GET", _) => _objects.TryGetValue((kind, ns, name), out var json) ? Json(HttpStatusCode.OK, json) : Status(HttpStatusCode.NotFound, "NotFound", $"{kind} \"{name}\" not found"),
            ("POST", null) => Create(kind, ns, body!),
            ("PUT", { } target) => Replace(kind, ns, target, body!),
            _ => Status(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "not served"),
        };
    }

    private HttpResponseMessage List(string kind, string ns, string? labelSelector)
    {
        var items = _objects.Where(o => o.Key.Kind == kind && o.Key.Namespace == ns).Select(o => o.Value)
            .Where(json => labelSelector is null || HasLabel(json, labelSelector)).ToList();
        var list = $"{{\"apiVersion\":\"v1\",\"kind\":\"{(kind == "secrets" ? "SecretList" : "ConfigMapList")}\",\"metadata\":{{\"resourceVersion\":\"{_resourceVersion}\"}},\"items\":[{string.Join(",", items)}]}}";
        return Json(HttpStatusCode.OK, list);
    }

    // Only the existence selector the store uses ("aiguard.io/sealing-key") is understood.
    private static bool HasLabel(string json, string label) =>
        KubernetesJson.Deserialize<V1Secret>(json).Metadata?.Labels?.ContainsKey(label) == true;

    private HttpResponseMessage Create(string kind, string ns, string body)
    {
        var obj = Parse(kind, body);
        if (_objects.ContainsKey((kind, ns, obj.Metadata.Name)))
        {
            return Status(HttpStatusCode.Conflict, "AlreadyExists", $"{kind} \"{obj.Metadata.Name}\" already exists");
        }

        obj.Metadata.NamespaceProperty = ns;
        Put(kind, obj);
        return Json(HttpStatusCode.Created, _objects[(kind, ns, obj.Metadata.Name)]);
    }

    private HttpResponseMessage Replace(string kind, string ns, string name, string body)
    {
        var obj = Parse(kind, body);
        if (!_objects.TryGetValue((kind, ns, name), out var current))
        {
            return Status(HttpStatusCode.NotFound, "NotFound", $"{kind} \"{name}\" not found");
        }

        var held = Parse(kind, current).Metadata.ResourceVersion;
        if (!string.IsNullOrEmpty(obj.Metadata.ResourceVersion) && obj.Metadata.ResourceVersion != held)
        {
            return Status(HttpStatusCode.Conflict, "Conflict", "the object has been modified");
        }

        Put(kind, obj);
        return Json(HttpStatusCode.OK, _objects[(kind, ns, name)]);
    }

    private static IKubernetesObject<V1ObjectMeta> Parse(string kind, string json) =>
        kind == "secrets" ? KubernetesJson.Deserialize<V1Secret>(json) : KubernetesJson.Deserialize<V1ConfigMap>(json);

    private static string? Query(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p[0] == name)
            .Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))
            .FirstOrDefault();

    private static HttpResponseMessage Json(HttpStatusCode code, string json) =>
        new(code) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Status(HttpStatusCode code, string reason, string message) =>
        Json(code, $"{{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"{reason}\",\"message\":\"{message.Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"code\":{(int)code}}}");
}
