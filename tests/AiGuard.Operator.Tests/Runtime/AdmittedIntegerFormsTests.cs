using System.Text.Json;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Runtime;
using k8s;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// Integers in the forms a CRD schema admits and System.Text.Json did not read: found by
/// <see cref="SchemaAdmittedObjectsAreReadableTests"/>; each of these objects failed its kind's whole LIST.
/// </summary>
public sealed class AdmittedIntegerFormsTests
{
    private static string Model(string port) => """
        {"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"chat","namespace":"ml"},
         "spec":{"model":{"uri":"hf://org/model"},"serving":{"image":"vllm/vllm-openai:v0.6.6","port":PORT,
          "securityContext":{"runAsUser":PORT}},"network":{"ingress":[{"ports":[PORT]}]}}}
        """.Replace("PORT", port, StringComparison.Ordinal);

    [Theory]
    [InlineData("8000.0")]
    [InlineData("8e3")]
    [InlineData("8E+3")]
    [InlineData("8000.000")]
    public void An_integral_number_written_with_a_fraction_or_exponent_is_read_as_its_integer(string port)
    {
        foreach (var model in new[] { CacheJson.Deserialize<ModelDeployment>(Model(port))!, KubernetesJson.Deserialize<ModelDeployment>(Model(port)) })
        {
            Assert.Equal(8000, model.Spec.Serving.Port);
            Assert.Equal(8000L, model.Spec.Serving.SecurityContext!.RunAsUser);
            Assert.Equal([8000], model.Spec.Network!.Ingress![0].Ports!);
        }
    }

    [Theory]
    [InlineData("2147483648", int.MaxValue, "9223372036854775808", long.MaxValue)]
    [InlineData("-2147483649", int.MinValue, "-1e19", long.MinValue)]
    [InlineData("1e21", int.MaxValue, "1e21", long.MaxValue)]
    public void A_status_count_past_its_type_saturates_instead_of_failing_the_list(string count, int matched, string generation, long observed)
    {
        // status.matchedModelDeployments is format int32 without bounds: the API server does not check integer formats,
        // so it stores any int64; an int64 past its range passes the sandbox's validator.
        var json = $$$"""
            {"apiVersion":"aiguard.io/v1alpha1","kind":"GuardPolicy","metadata":{"name":"baseline"},"spec":{},
             "status":{"matchedModelDeployments":{{{count}}},"observedGeneration":{{{generation}}}}}
            """;

        foreach (var policy in new[] { CacheJson.Deserialize<GuardPolicy>(json)!, KubernetesJson.Deserialize<GuardPolicy>(json) })
        {
            Assert.Equal(matched, policy.Status!.MatchedModelDeployments);
            Assert.Equal(observed, policy.Status.ObservedGeneration);
        }
    }

    [Theory]
    [InlineData("8000.5")]
    [InlineData("\"8000\"")]
    [InlineData("true")]
    public void A_fraction_or_a_string_is_still_refused_as_the_schema_refuses_it(string port)
    {
        Assert.Throws<JsonException>(() => CacheJson.Deserialize<ModelDeployment>(Model(port)));
        Assert.Throws<JsonException>(() => KubernetesJson.Deserialize<ModelDeployment>(Model(port)));
    }

    [Fact]
    public void Integers_are_still_written_as_plain_integers()
    {
        var json = KubernetesJson.Serialize(KubernetesJson.Deserialize<ModelDeployment>(Model("8e3")));

        Assert.Contains("\"port\":8000", json, StringComparison.Ordinal);
        Assert.Contains("\"ports\":[8000]", json, StringComparison.Ordinal);
    }
}
