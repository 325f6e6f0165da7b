using System.Text;
using CsCheck;

namespace AiGuard.Sandbox.Tests.Hostile;

/// <summary>
/// Generators of what an attacker can send to a write endpoint: random bytes, truncated and bit-flipped
/// documents, huge numbers, deep nesting, alias bombs, non-scalar and repeated keys, wrongly shaped JSON and
/// protobuf garbage behind the k8s magic, under every content type a client could claim.
/// </summary>
public static class HostileBodies
{
    public static readonly string[] ContentTypes =
    [
        "application/json", "application/yaml", "application/vnd.kubernetes.protobuf", "application/merge-patch+json",
        "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml",
        "text/plain", "application/json; charset=utf-8", "application/cbor", "",
    ];

    private static readonly string[] Numbers =
        ["1e400", "-1e400", "99999999999999999999999999", "-9223372036854775809", "1.7976931348623157e309", "4.9e-400", "0x10", "NaN", "1_000"];

    private static readonly string[] Shapes =
    [
        "[]", "\"text\"", "null", "42", "{}", "{\"metadata\":\"x\"}", "{\"metadata\":{\"name\":5}}", "{\"apiVersion\":5,\"kind\":[]}",
        "{\"metadata\":{\"labels\":{\"a\":{\"b\":1}}}}", "{\"metadata\":{\"finalizers\":\"x\",\"ownerReferences\":{}}}",
        "[{\"op\":\"move\",\"from\":\"/metadata\",\"path\":\"/metadata/x\"}]", "[{\"op\":\"add\",\"path\":\"/metadata/labels/~2\",\"value\":1}]",
        "[{\"op\":\"remove\",\"path\":\"\"}]", "[{\"op\":\"copy\",\"from\":\"/spec\",\"path\":\"/spec/x/y/z\"}]", "[{\"op\":7}]",
        "{\"spec\":{\"$patch\":\"delete\"}}", "{\"metadata\":{\"$setElementOrder/finalizers\":[1]}}", "{\"spec\":{\"replicas\":\"x\"}}",
        "{\"preconditions\":{\"uid\":5},\"propagationPolicy\":[]}", "{\"kind\":\"DeleteOptions\",\"dryRun\":\"All\"}",
        "? [a]\n: b\n", "{[1]: x}", "a: 1\na: 2\n", "a: *nope\n", "x: &a [ *a ]", "!!binary 'x'", "%YAML 9.9\n---\na: 1", "--- |\n  x\n--- [\n",
    ];

    public static Gen<byte[]> Body(IReadOnlyList<string> documents) => Gen.OneOf(
        Gen.Byte.Array[0, 600],
        Gen.Int[0, documents.Count - 1].SelectMany(i => Gen.Int[0, documents[i].Length].Select(cut => Bytes(documents[i][..cut]))),
        Gen.Int[0, documents.Count - 1].SelectMany(i => Gen.Select(Gen.Int[0, documents[i].Length - 1], Gen.Byte).Array[1, 6]
            .Select(flips => Flip(Bytes(documents[i]), flips))),
        Gen.Select(Gen.OneOf(Numbers), Gen.Int[0, documents.Count - 1]).Select((n, i) => Bytes(documents[i].Replace("\"fuzz", n + ",\"fuzz", StringComparison.Ordinal))),
        Gen.OneOf(Numbers).Select(n => Bytes($"{{\"spec\":{{\"replicas\":{n}}},\"metadata\":{{\"generation\":{n}}}}}")),
        Gen.Select(Gen.Int[100, 20_000], Gen.Int[0, 3]).Select((depth, style) => Bytes(Deep(depth, style))),
        Gen.Select(Gen.Int[2, 9], Gen.Int[2, 10]).Select((levels, fanout) => Bytes(Laughs(levels, fanout))),
        Gen.Byte.Array[0, 300].Select(rest => (byte[])[.. "k8s\0"u8, .. rest]),
        Gen.OneOf(Shapes).Select(Bytes));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Flip(byte[] body, (int At, byte Value)[] flips)
    {
        foreach (var (at, value) in flips)
        {
            body[at] = value;
        }

        return body;
    }

    private static string Deep(int depth, int style) => style switch
    {
        0 => new string('[', depth) + new string(']', depth),
        1 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
        2 => "x: " + new string('[', depth),
        _ => string.Concat(Enumerable.Repeat("- ", depth)) + "x",
    };

    private static string Laughs(int levels, int fanout)
    {
        var text = new StringBuilder("l0: &l0 [lol]\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append($"l{level}: &l{level} [{string.Join(",", Enumerable.Repeat($"*l{level - 1}", fanout))}]\n");
        }

        return text.ToString();
    }
}
