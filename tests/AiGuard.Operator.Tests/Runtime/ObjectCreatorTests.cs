using System.Text;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using AiGuard.Sandbox;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>Creates that read back only the assigned metadata, against the in-memory API server over real HTTP.</summary>
public sealed class ObjectCreatorTests : IAsyncLifetime
{
    private const string Namespace = "default";
    private SandboxServer? _server;
    private Kubernetes? _client;

    private Kubernetes Client => _client!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions());
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = name } },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };

    [Fact]
    public async Task A_create_returns_the_sent_object_with_the_metadata_the_server_assigned()
    {
        var creator = new ObjectCreator(Client, "aiguard-operator");
        var sent = ConfigMap("created");

        var created = await creator.CreateAsync(sent, ApiResource.For<V1ConfigMap>(), Namespace, CancellationToken.None);

        var stored = await Client.CoreV1.ReadNamespacedConfigMapAsync("created", Namespace);
        Assert.Same(sent, created);
        Assert.Equal(stored.Metadata.ResourceVersion, created.Metadata.ResourceVersion);
        Assert.Equal(stored.Metadata.Uid, created.Metadata.Uid);
        Assert.Equal(stored.Metadata.CreationTimestamp, created.Metadata.CreationTimestamp);
        Assert.Equal("v", stored.Data["k"]);
        Assert.Equal("aiguard-operator", Assert.Single(stored.Metadata.ManagedFields).Manager);
    }

    [Fact]
    public async Task A_taken_name_fails_as_already_exists_and_changes_nothing()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("taken"), Namespace);
        var before = await Client.CoreV1.ReadNamespacedConfigMapAsync("taken", Namespace);
        var creator = new ObjectCreator(Client, "aiguard-operator");
        var second = ConfigMap("taken");
        second.Data["k"] = "other";

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => creator.CreateAsync(second, ApiResource.For<V1ConfigMap>(), Namespace, CancellationToken.None));

        Assert.True(ApiErrors.IsAlreadyExists(error));
        Assert.Null(second.Metadata.ResourceVersion);
        var after = await Client.CoreV1.ReadNamespacedConfigMapAsync("taken", Namespace);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal("v", after.Data["k"]);
    }

    [Fact]
    public async Task A_rejected_secret_is_a_spec_error_that_never_carries_the_secret_data()
    {
        const string secretValue = "hunter2-do-not-leak";
        var creator = new ObjectCreator(Client, "aiguard-operator");
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = "Not_A_Valid_Name", NamespaceProperty = Namespace },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(secretValue) },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => creator.CreateAsync(secret, ApiResource.For<V1Secret>(), Namespace, CancellationToken.None));

        Assert.True(ApiErrors.NeedsSpecChange(error));
        Assert.Null(error.Request.Content);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(secretValue));
        Assert.DoesNotContain(encoded, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secretValue, ApiErrors.Describe(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"x"}}""")]
    [InlineData("""[]""")]
    [InlineData("""{"metadata":{"resourceVersion":""}}""")]
    public void An_answer_without_a_resource_version_is_refused_not_guessed(string answer)
    {
        var metadata = new V1ObjectMeta { Name = "x" };

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => AssignedMetadata.CopyTo(Encoding.UTF8.GetBytes(answer), metadata));
        Assert.Null(metadata.ResourceVersion);
    }

    [Theory]
    [InlineData("""{"metadata":{"resourceVersion":7}}""", "metadata.resourceVersion")]
    [InlineData("""{"metadata":{"resourceVersion":"7","uid":42}}""", "metadata.uid")]
    [InlineData("""{"metadata":{"resourceVersion":"7","uid":{"a":1}}}""", "metadata.uid")]
    [InlineData("""{"metadata":{"resourceVersion":"7","generation":"1"}}""", "metadata.generation")]
    [InlineData("""{"metadata":{"resourceVersion":"7","generation":1e40}}""", "metadata.generation")]
    public void An_answer_with_a_field_of_the_wrong_type_is_an_error_naming_the_field(string answer, string field)
    {
        // A broken or hostile API server answer: GetString and GetInt64 would throw InvalidOperationException and
        // FormatException, which callers do not sort as an unreadable answer.
        var metadata = new V1ObjectMeta { Name = "x" };

        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => AssignedMetadata.CopyTo(Encoding.UTF8.GetBytes(answer), metadata));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Null(metadata.ResourceVersion);
    }

    [Fact]
    public void Assigned_metadata_is_read_past_nested_objects_and_other_fields()
    {
        var answer = """
            {"kind":"Deployment","spec":{"metadata":{"resourceVersion":"wrong"}},
             "metadata":{"name":"d","labels":{"resourceVersion":"wrong"},"managedFields":[{"manager":"m"}],
                         "uid":"u-1","resourceVersion":"77","generation":1,"creationTimestamp":"2026-12-06T08:00:00Z"},
             "status":{}}
            """;
        var metadata = new V1ObjectMeta { Name = "d" };

        AssignedMetadata.CopyTo(Encoding.UTF8.GetBytes(answer), metadata);

        Assert.Equal("77", metadata.ResourceVersion);
        Assert.Equal("u-1", metadata.Uid);
        Assert.Equal(1, metadata.Generation);
        Assert.Equal(new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc), metadata.CreationTimestamp);
        Assert.Equal("d", metadata.Name);
    }
}
