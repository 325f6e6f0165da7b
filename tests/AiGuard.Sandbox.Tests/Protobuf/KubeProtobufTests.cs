using System.Text;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;
using AiGuard.Sandbox.Protobuf;
using AiGuard.Schema;
using CsCheck;

namespace AiGuard.Sandbox.Tests.Protobuf;

public sealed class KubeProtobufTests
{
    // Go's zero time.Time, written by the generated marshalers for an unset creationTimestamp.
    private const long GoZeroTime = -62135596800;

    private static Action<ProtoWriter> Meta(string name, string ns = "") => m => m
        .String(1, name).String(2, "").String(3, ns).String(4, "").String(5, "").String(6, "")
        .Int64(7, 0)
        .Message(8, t => t.Int64(1, GoZeroTime).Int64(2, 0));

    /// <summary>The shape of helm's release Secret: labels, a typed Secret with a bytes value.</summary>
    private static byte[] HelmReleaseSecret() => ProtoWriter.KubeEnvelope("v1", "Secret", new ProtoWriter()
        .Message(1, m => m
            .String(1, "sh.helm.release.v1.demo.v1").String(3, "default").String(6, "")
            .Message(8, t => t.Int64(1, 1_700_000_000).Int64(2, 5))
            .MapEntry(11, "owner", "helm").MapEntry(11, "name", "demo").MapEntry(11, "status", "deployed")
            .MapEntry(12, "note", "x")
            .Message(13, o => o.String(1, "ConfigMap").String(3, "parent").String(4, "uid-1").String(5, "v1").Bool(6, true))
            .String(14, "example.com/finalizer")
            .Message(17, f => f.String(1, "ignored")))
        .MapEntry(2, "release", Encoding.UTF8.GetBytes("H4sIAAAA"))
        .String(3, "helm.sh/release.v1")
        .Bool(5, false)
        .ToArray());

    [Fact]
    public void Decodes_a_helm_release_secret()
    {
        var secret = KubeProtobuf.Decode(HelmReleaseSecret());

        var expected = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Secret",
             "metadata":{"name":"sh.helm.release.v1.demo.v1","namespace":"default","creationTimestamp":"2023-11-14T22:13:20Z",
               "labels":{"owner":"helm","name":"demo","status":"deployed"},"annotations":{"note":"x"},
               "ownerReferences":[{"kind":"ConfigMap","name":"parent","uid":"uid-1","apiVersion":"v1","controller":true}],
               "finalizers":["example.com/finalizer"]},
             "data":{"release":"SDRzSUFBQUE="},"type":"helm.sh/release.v1","immutable":false}
            """);
        Assert.True(JsonSemantics.AreEqual(expected, secret), secret.ToJsonString());
    }

    [Fact]
    public void Decodes_a_configmap_like_kubectl_create_configmap_sends()
    {
        var body = ProtoWriter.KubeEnvelope("v1", "ConfigMap", new ProtoWriter()
            .Message(1, Meta("x", "team-a"))
            .MapEntry(2, "a", "b")
            .MapEntry(3, "bin", [0, 1, 2])
            .ToArray());

        var configMap = KubeProtobuf.Decode(body);

        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"team-a"},"data":{"a":"b"},"binaryData":{"bin":"AAEC"}}""",
            configMap.ToJsonString());
    }

    [Fact]
    public void Decodes_a_namespace_with_spec_finalizers()
    {
        var body = ProtoWriter.KubeEnvelope("v1", "Namespace", new ProtoWriter()
            .Message(1, Meta("team-a"))
            .Message(2, s => s.String(1, "kubernetes"))
            .Message(3, s => s.String(1, ""))
            .ToArray());

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"},"spec":{"finalizers":["kubernetes"]},"status":{}}""",
            KubeProtobuf.Decode(body).ToJsonString());
    }

    [Fact]
    public void Decodes_delete_options_sent_by_helm_uninstall()
    {
        var body = ProtoWriter.KubeEnvelope("meta.k8s.io/v1", "DeleteOptions", new ProtoWriter()
            .Int64(1, 0)
            .Message(2, p => p.String(1, "uid-1"))
            .String(4, "Background")
            .String(5, "All")
            .ToArray());

        Assert.Equal(
            """{"apiVersion":"meta.k8s.io/v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"},"propagationPolicy":"Background","dryRun":["All"]}""",
            KubeProtobuf.Decode(body).ToJsonString());
    }

    [Fact]
    public void Skips_unknown_fields_of_every_wire_type()
    {
        var body = ProtoWriter.KubeEnvelope("v1", "ConfigMap", new ProtoWriter()
            .Varint(50, 7).Fixed32(51, 1).String(52, "future")
            .Message(1, m => m.String(1, "x").Varint(99, 1))
            .ToArray());

        Assert.Equal("x", KubeProtobuf.Decode(body)["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Rejects_an_unsupported_kind_with_its_own_exception()
    {
        var body = ProtoWriter.KubeEnvelope("apps/v1", "Deployment", new ProtoWriter().Message(1, Meta("x")).ToArray());

        var error = Assert.Throws<UnsupportedProtobufKindException>(() => KubeProtobuf.Decode(body));

        Assert.Equal("Deployment", error.Kind);
        Assert.Contains("send JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7b, 0x7d }, "magic bytes")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00 }, "no TypeMeta kind")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x05, 0x0a }, "runs past the end")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x02, 0x12, 0xff }, "truncated varint")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x08, 0x01 }, "wire type 0, expected 2")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x2b }, "unsupported wire type 3")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x28, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, "longer than 10 bytes")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x03, 0x12, 0x01, 0xff }, "not valid UTF-8")]
    public void Rejects_malformed_bodies_with_a_clear_message(byte[] body, string expected)
    {
        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_compressed_body()
    {
        var body = ProtoWriter.KubeEnvelope("v1", "ConfigMap", [], contentEncoding: "gzip");

        Assert.Contains("gzip", Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_after_the_magic_only_ever_raise_decode_exceptions()
    {
        Gen.Byte.Array[0, 64].Sample(bytes => DecodesOrRejectsCleanly([0x6b, 0x38, 0x73, 0x00, .. bytes]));
    }

    [Fact]
    public void Corrupted_real_bodies_only_ever_raise_decode_exceptions()
    {
        var valid = HelmReleaseSecret();
        Gen.Select(Gen.Int[4, valid.Length - 1], Gen.Byte, Gen.Int[4, valid.Length]).Sample((index, value, cut) =>
        {
            var corrupted = valid.ToArray();
            corrupted[index] = value;
            return DecodesOrRejectsCleanly(corrupted) && DecodesOrRejectsCleanly(valid[..cut]);
        });
    }

    private static bool DecodesOrRejectsCleanly(byte[] body)
    {
        try
        {
            _ = KubeProtobuf.Decode(body);
            return true;
        }
        catch (ProtobufDecodeException)
        {
            return true;
        }
    }
}
