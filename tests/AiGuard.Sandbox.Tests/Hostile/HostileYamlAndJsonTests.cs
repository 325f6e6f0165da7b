using System.Net;
using System.Text;
using AiGuard.Sandbox.Tests.Support;
using k8s;

namespace AiGuard.Sandbox.Tests.Hostile;

/// <summary>
/// Bodies built to crash or exhaust a decoder: recursive aliases, alias bombs, deep nesting, non-scalar keys and
/// repeated keys get kube-apiserver's 400 answers and leave the server serving.
/// </summary>
public sealed class HostileYamlAndJsonTests : SandboxFixture
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Yaml = "application/yaml";
    private const string Json = "application/json";

    private RawHttp Http() => new(Server);

    private static string ConfigMap(string name, string data) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{data}";

    [Fact]
    public async Task A_recursive_alias_is_400_and_the_server_keeps_serving()
    {
        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps, "x: &a [ *a ]", Yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("anchor 'a' value contains itself", answer.StatusObject.Message);
        Assert.True(await http.IsAliveAsync());
    }

    [Fact]
    public async Task A_recursive_alias_in_an_apply_patch_is_400()
    {
        using var http = Http();
        var answer = await http.SendAsync("PATCH", ConfigMaps + "/cyclic?fieldManager=t",
            ConfigMap("cyclic", "data: &d\n  k: *d\n"), "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("value contains itself", answer.StatusObject.Message);
    }

    [Fact]
    public async Task A_billion_laughs_body_is_refused_as_excessive_aliasing()
    {
        var bomb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"a{level}: &a{level} [{string.Join(",", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }

        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps, bomb.ToString(), Yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("yaml: document contains excessive aliasing", answer.StatusObject.Message);
        Assert.True(await http.IsAliveAsync());
    }

    [Fact]
    public async Task Ordinary_anchors_and_aliases_still_work()
    {
        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps,
            ConfigMap("aliased", "  labels: &l\n    app: web\n  annotations: *l\ndata:\n  k: &v value\n  copy: *v\n"), Yaml);

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var stored = await Client.CoreV1.ReadNamespacedConfigMapAsync("aliased", "default");
        Assert.Equal("web", stored.Metadata.Annotations["app"]);
        Assert.Equal("value", stored.Data["copy"]);
    }

    public static TheoryData<string, string, string> DeepBodies => new()
    {
        { "json arrays", Json, new string('[', 10_000) + new string(']', 10_000) },
        { "json objects", Json, string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) },
        { "yaml flow sequences", Yaml, "x: " + new string('[', 10_000) + new string(']', 10_000) },
        { "yaml flow mappings", Yaml, "x: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) },
        { "yaml block sequences", Yaml, string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n" },
        // Ten thousand indented levels would be 50 MB; two thousand fit under the request body limit.
        { "yaml block mappings", Yaml, string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "a:\n")) },
    };

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public async Task Nesting_thousands_of_levels_deep_is_400_not_a_stack_overflow(string what, string contentType, string body)
    {
        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps, body, contentType);

        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{what}: {answer}");
        Assert.Contains("depth", answer.StatusObject.Message);
        Assert.True(await http.IsAliveAsync());
    }

    [Theory]
    [InlineData("? [a]\n: b\n")]
    [InlineData("{[1]: x}")]
    [InlineData("? {a: 1}\n: b\n")]
    [InlineData("base: &m {a: 1}\n*m : b\n")]
    public async Task A_mapping_key_that_is_not_a_scalar_is_400(string body)
    {
        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps, body, Yaml);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("invalid map key", answer.StatusObject.Message);
    }

    [Theory]
    [InlineData(Json, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"first\",\"name\":\"dup\"}}")]
    [InlineData(Yaml, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  name: dup\n")]
    public async Task Duplicate_keys_are_refused_under_strict_field_validation(string contentType, string body)
    {
        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps + "?fieldValidation=Strict", body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \"metadata.name\"", answer.StatusObject.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync("GET", ConfigMaps + "/dup")).Status);
    }

    [Fact]
    public async Task Duplicate_keys_keep_the_last_value_with_a_warning_by_default_and_silently_when_ignored()
    {
        const string body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"warned\"},\"data\":{\"k\":\"1\",\"k\":\"2\"}}";
        using var http = Http();
        var warned = await http.SendAsync("POST", ConfigMaps, body, Json);
        var ignored = await http.SendAsync("POST", ConfigMaps + "?fieldValidation=Ignore", body.Replace("warned", "ignored"), Json);

        Assert.Equal(HttpStatusCode.Created, warned.Status);
        Assert.Equal("299 - \"duplicate field \\\"data.k\\\"\"", Assert.Single(warned.Warnings));
        Assert.Equal("2", (await Client.CoreV1.ReadNamespacedConfigMapAsync("warned", "default")).Data["k"]);
        Assert.Equal(HttpStatusCode.Created, ignored.Status);
        Assert.Empty(ignored.Warnings);
    }

    [Fact]
    public async Task Flow_style_yaml_that_is_not_json_is_read_as_yaml()
    {
        using var http = Http();
        var answer = await http.SendAsync("POST", ConfigMaps, "{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}, data: {k: v}}", Yaml);

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("v", (await Client.CoreV1.ReadNamespacedConfigMapAsync("flow", "default")).Data["k"]);
    }
}
