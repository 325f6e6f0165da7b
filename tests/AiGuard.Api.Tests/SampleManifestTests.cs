using System.Text.Json.Nodes;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Api.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Api.Tests;

/// <summary>Every sample under config/samples parses into the typed classes without loss and passes the CRD schema.</summary>
public sealed class SampleManifestTests
{
    public static TheoryData<string> SampleFiles => [.. Samples.FileNames];

    [Fact]
    public void The_documented_samples_are_all_there()
    {
        Assert.Equal(
            [
                "guardexception-triton.yaml", "guardpolicy-baseline.yaml", "modeldeployment-noncompliant.yaml",
                "modeldeployment-triton-allowlist.yaml", "modeldeployment-vllm-hardened.yaml", "namespace-ml-prod.yaml",
            ],
            Samples.FileNames);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_reads_into_its_typed_class_through_yaml_without_loss(string fileName)
    {
        var raw = Samples.Raw(fileName);
        var text = Samples.Text(fileName);

        object typed = (string?)raw["kind"] switch
        {
            "Namespace" => KubernetesYaml.Deserialize<V1Namespace>(text),
            ModelDeployment.KubeKind => KubernetesYaml.Deserialize<ModelDeployment>(text),
            GuardPolicy.KubeKind => KubernetesYaml.Deserialize<GuardPolicy>(text),
            GuardException.KubeKind => KubernetesYaml.Deserialize<GuardException>(text),
            var other => throw new InvalidOperationException($"{fileName}: unexpected kind {other}"),
        };

        AssertSameTree(raw, JsonNode.Parse(KubernetesJson.Serialize(typed)), fileName);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_round_trips_through_json_without_loss(string fileName)
    {
        var raw = Samples.Raw(fileName);
        var json = raw.ToJsonString();

        object typed = (string?)raw["kind"] switch
        {
            "Namespace" => KubernetesJson.Deserialize<V1Namespace>(json),
            ModelDeployment.KubeKind => KubernetesJson.Deserialize<ModelDeployment>(json),
            GuardPolicy.KubeKind => KubernetesJson.Deserialize<GuardPolicy>(json),
            GuardException.KubeKind => KubernetesJson.Deserialize<GuardException>(json),
            var other => throw new InvalidOperationException($"{fileName}: unexpected kind {other}"),
        };

        AssertSameTree(raw, JsonNode.Parse(KubernetesJson.Serialize(typed)), fileName);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_passes_the_generated_schema(string fileName)
    {
        var raw = Samples.Raw(fileName);
        var kind = (string)raw["kind"]!;
        if (kind == "Namespace")
        {
            Assert.Equal("v1", (string?)raw["apiVersion"]);
            return;
        }

        Assert.Equal(ApiGroup.GroupVersion, (string?)raw["apiVersion"]);
        Assert.Empty(CrdValidation.Validate(raw));
    }

    [Fact]
    public void The_noncompliant_sample_is_still_a_valid_manifest()
    {
        // Findings are the operator's job; the API server must accept the object so that they can be reported.
        Assert.Empty(CrdValidation.Validate(Samples.Raw("modeldeployment-noncompliant.yaml")));
    }

    [Fact]
    public void The_exception_waives_the_triton_sample_in_its_namespace()
    {
        var exception = Samples.TritonException;
        var triton = Samples.ModelDeployment("modeldeployment-triton-allowlist.yaml");

        Assert.Equal(triton.Metadata.NamespaceProperty, exception.Metadata.NamespaceProperty);
        Assert.Equal([triton.Metadata.Name], exception.Spec.ModelDeployments);
        Assert.True(exception.Spec.Justification.Length >= GuardExceptionSpec.MinimumJustificationLength);
        Assert.Equal(new DateTime(2027, 1, 15, 0, 0, 0, DateTimeKind.Utc), exception.Spec.ExpiresAt?.ToUniversalTime());
    }

    private static void AssertSameTree(JsonNode? expected, JsonNode? actual, string fileName)
    {
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{fileName} changed in the typed round trip.\nmanifest: {expected?.ToJsonString()}\ntyped:    {actual?.ToJsonString()}");
    }
}
