using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Hostile;

/// <summary>
/// Query values that do not decode are 400 BadRequest and values that decode but are not allowed are 422 Invalid
/// (kube-apiserver's Create/Update/Patch/Delete/ListOptions validation); either way the message names the parameter
/// and nothing is written.
/// </summary>
public sealed class QueryValidationTests : SandboxFixture
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string NewConfigMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"q\"}}";

    public static TheoryData<string, string, int, string> BadReads => new()
    {
        { "limit", "?limit=abc", 400, "invalid limit \"abc\": must be a non-negative integer" },
        { "limit", "?limit=-1", 400, "invalid limit \"-1\"" },
        { "limit", "?limit=99999999999999999999", 400, "invalid limit" },
        { "resourceVersion", "?resourceVersion=abc", 400, "invalid resource version: resourceVersion: Invalid value: \"abc\"" },
        { "resourceVersion", "?resourceVersion=-5&resourceVersionMatch=Exact", 400, "resourceVersion: Invalid value" },
        { "resourceVersionMatch", "?resourceVersion=1&resourceVersionMatch=Sometimes", 422, "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"Sometimes\"" },
        { "timeoutSeconds", "?watch=true&timeoutSeconds=abc", 400, "invalid timeoutSeconds \"abc\"" },
        { "resourceVersion", "?watch=true&resourceVersion=x1", 400, "invalid resource version" },
        { "labelSelector", "?labelSelector=a%20in%20(", 400, "a in (" },
        { "fieldSelector", "?fieldSelector=nonsense", 400, "invalid field selector \"nonsense\"" },
        { "continue", "?continue=%%%", 400, "invalid continue token" },
    };

    [Theory]
    [MemberData(nameof(BadReads))]
    public async Task A_bad_read_parameter_is_refused_naming_it(string parameter, string query, int code, string message)
    {
        using var http = new RawHttp(Server);
        var answer = await http.SendAsync("GET", ConfigMaps + query);

        Assert.True(answer.Code == code, $"{parameter}: {answer}");
        Assert.Contains(message, answer.StatusObject.Message);
    }

    [Fact]
    public async Task A_bad_resource_version_on_get_is_400()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "there" } }, "default");
        using var http = new RawHttp(Server);

        var answer = await http.SendAsync("GET", ConfigMaps + "/there?resourceVersion=yesterday");

        Assert.Equal(400, answer.Code);
        Assert.Contains("invalid resource version", answer.StatusObject.Message);
    }

    public static TheoryData<string, string, string> BadWrites => new()
    {
        { "fieldManager", "?fieldManager=" + new string('m', 129), "CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes" },
        { "fieldManager", "?fieldManager=bell%07", "fieldManager: Invalid value: \"bell\\u0007\": invalid character U+0007 (at position 4)" },
        { "dryRun", "?dryRun=Some", "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: \"Some\": supported values: \"All\"" },
        { "dryRun", "?dryRun=All&dryRun=None", "dryRun: Unsupported value: \"None\"" },
        { "fieldValidation", "?fieldValidation=Loose", "fieldValidation: Unsupported value: \"Loose\": supported values: \"Ignore\", \"Strict\", \"Warn\"" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task A_bad_write_option_is_422_naming_it_and_writes_nothing(string parameter, string query, string message)
    {
        using var http = new RawHttp(Server);
        var answer = await http.SendAsync("POST", ConfigMaps + query, NewConfigMap, "application/json");

        Assert.True(answer.Code == 422, $"{parameter}: {answer}");
        Assert.Equal("Invalid", answer.StatusObject.Reason);
        Assert.Contains(message, answer.StatusObject.Message);
        Assert.Equal(404, (await http.SendAsync("GET", ConfigMaps + "/q")).Code);
    }

    [Fact]
    public async Task A_valid_field_manager_and_dry_run_still_work()
    {
        using var http = new RawHttp(Server);
        var dry = await http.SendAsync("POST", ConfigMaps + "?dryRun=All&fieldManager=" + new string('m', 128), NewConfigMap, "application/json");
        var real = await http.SendAsync("POST", ConfigMaps + "?fieldManager=tool&fieldValidation=Strict", NewConfigMap, "application/json");

        Assert.Equal(201, dry.Code);
        Assert.Equal(201, real.Code);
    }

    [Theory]
    [InlineData("?propagationPolicy=Sideways", null)]
    [InlineData("", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Sideways\"}")]
    public async Task A_bad_propagation_policy_is_422_and_deletes_nothing(string query, string? body)
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new() { Name = "kept" } }, "default");
        using var http = new RawHttp(Server);

        var answer = body is null
            ? await http.SendAsync("DELETE", ConfigMaps + "/kept" + query)
            : await http.SendAsync("DELETE", ConfigMaps + "/kept" + query, body, "application/json");

        Assert.Equal(422, answer.Code);
        Assert.Contains("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Sideways\"", answer.StatusObject.Message);
        Assert.Equal(200, (await http.SendAsync("GET", ConfigMaps + "/kept")).Code);
    }
}
