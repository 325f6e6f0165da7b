using System.Text;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>What the reconciler remembers of its own status write: the model it wrote from, or the server's object when anything else changed.</summary>
public sealed class WrittenStatusTests
{
    private static ModelDeployment Model() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "llm",
            NamespaceProperty = "team-a",
            Uid = "uid-1",
            Generation = 3,
            ResourceVersion = "10",
            Labels = new Dictionary<string, string> { ["app"] = "llm" },
            Annotations = new Dictionary<string, string> { ["note"] = "a" },
        },
        Spec = new ModelDeploymentSpec { Owner = "team-a" },
        Status = new ModelDeploymentStatus { Phase = "Pending", ObservedGeneration = 3 },
    };

    // The stored object as an API server answers it, with managedFields and the spec, metadata fields in any order.
    // Metadata is written with single quotes for readability.
    private static byte[] Answer(string metadata, string owner = "team-a", string phase = "Compliant") => Encoding.UTF8.GetBytes(
        ("{'apiVersion':'aiguard.io/v1alpha1','kind':'ModelDeployment','metadata':{" + metadata
        + ",'managedFields':[{'manager':'aiguard-operator','operation':'Update','subresource':'status','fieldsType':'FieldsV1','fieldsV1':{'f:status':{'f:phase':{}}}}]}"
        + ",'spec':{'owner':'" + owner + "'},'status':{'phase':'" + phase + "','observedGeneration':3}}").Replace('\'', '"'));

    private const string SameMetadata =
        "'name':'llm','namespace':'team-a','uid':'uid-1','resourceVersion':'11','generation':3,'annotations':{'note':'a'},'labels':{'app':'llm'},'creationTimestamp':'2026-01-01T00:00:00Z'";

    [Fact]
    public void Write_that_changed_only_the_status_is_remembered_as_the_model_with_the_written_status_and_the_new_version()
    {
        var model = Model();
        var written = new ModelDeploymentStatus { Phase = "Compliant", ObservedGeneration = 3 };

        var stored = WrittenStatus.Stored(model, written, Answer(SameMetadata));

        Assert.Same(written, stored.Status);
        Assert.Same(model.Spec, stored.Spec);
        Assert.Equal("11", stored.Metadata.ResourceVersion);
        Assert.Equal("10", model.Metadata.ResourceVersion); // the cached model itself is not changed
        Assert.Equal(("llm", "team-a", "uid-1", 3L), (stored.Metadata.Name, stored.Metadata.NamespaceProperty, stored.Metadata.Uid, stored.Metadata.Generation));
        Assert.Equal(model.Metadata.Labels, stored.Metadata.Labels);
        Assert.Equal(model.Metadata.Annotations, stored.Metadata.Annotations);
        Assert.Null(stored.Metadata.ManagedFields);
    }

    [Theory]
    [InlineData("'name':'llm','namespace':'team-a','uid':'uid-1','resourceVersion':'11','generation':4,'annotations':{'note':'a'},'labels':{'app':'llm'}", "spec changed (generation)")]
    [InlineData("'name':'llm','namespace':'team-a','uid':'uid-1','resourceVersion':'11','generation':3,'annotations':{'note':'b'},'labels':{'app':'llm'}", "annotation changed")]
    [InlineData("'name':'llm','namespace':'team-a','uid':'uid-1','resourceVersion':'11','generation':3,'annotations':{'note':'a'},'labels':{'app':'llm','tier':'x'}", "label added")]
    [InlineData("'name':'llm','namespace':'team-a','uid':'uid-1','resourceVersion':'11','generation':3,'labels':{'app':'llm'}", "annotations removed")]
    [InlineData("'name':'llm','namespace':'team-a','uid':'uid-2','resourceVersion':'11','generation':3,'annotations':{'note':'a'},'labels':{'app':'llm'}", "replaced by another object")]
    [InlineData("'name':'llm','namespace':'team-a','uid':'uid-1','resourceVersion':'11','generation':3,'annotations':{'note':'a'},'labels':{'app':'llm'},'deletionTimestamp':'2026-01-02T00:00:00Z','finalizers':['x']", "being deleted")]
    public void Write_that_raced_another_change_is_remembered_as_the_server_stored_it(string metadata, string why)
    {
        var model = Model();
        var written = new ModelDeploymentStatus { Phase = "Compliant", ObservedGeneration = 3 };

        var stored = WrittenStatus.Stored(model, written, Answer(metadata, owner: "team-b", phase: "Blocked"));

        Assert.True(stored.Spec.Owner == "team-b", why);
        Assert.Equal("Blocked", stored.Status?.Phase);
        Assert.Equal("11", stored.Metadata.ResourceVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>proxy error</html>")]
    [InlineData("""{"metadata":{"name":"llm"}}""")]
    public void Unreadable_answer_fails_with_a_message_naming_the_model(string answer)
    {
        var error = Assert.Throws<KubernetesApiException>(() =>
            WrittenStatus.Stored(Model(), new ModelDeploymentStatus(), Encoding.UTF8.GetBytes(answer)));

        Assert.Contains("ModelDeployment team-a/llm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'uid':'uid-~bad~','resourceVersion':'11','generation':3", "metadata.uid")]
    [InlineData("'uid':'uid-1','resourceVersion':'11','generation':3,'labels':{'app':'~bad~'}", "metadata.labels")]
    [InlineData("'uid':'uid-1','resourceVersion':'11','generation':3,'labels':{'~bad~':'llm'}", "metadata.labels")]
    [InlineData("'uid':'uid-1','resourceVersion':'11','generation':3,'annotations':{'note':'~bad~'}", "metadata.annotations")]
    [InlineData("'uid':'uid-1','resourceVersion':'11~bad~','generation':3", "metadata.resourceVersion")]
    public void Answer_with_invalid_utf8_in_its_metadata_fails_as_an_unreadable_answer_naming_the_field(string metadata, string field)
    {
        // A broken or hostile API server: the reader checks UTF-8 only when it decodes a string, and then throws
        // InvalidOperationException, which callers do not sort as an unreadable answer. ~bad~ becomes a lone lead byte.
        var answer = Answer(metadata);
        var marker = "~bad~"u8.ToArray();
        var at = answer.AsSpan().IndexOf(marker);
        var broken = answer[..at].Concat(new byte[] { 0xC3, 0x28 }).Concat(answer[(at + marker.Length)..]).ToArray();

        var error = Assert.Throws<KubernetesApiException>(() => WrittenStatus.Stored(Model(), new ModelDeploymentStatus(), broken));

        Assert.Contains("ModelDeployment team-a/llm", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
