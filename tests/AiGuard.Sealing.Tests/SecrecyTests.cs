using System.Text;

namespace AiGuard.Sealing.Tests;

/// <summary>Failures are reported into status conditions and logs, so they must never carry the secret.</summary>
[Collection(SealingKeysCollection.Name)]
public sealed class SecrecyTests(SealingKeys keys)
{
    private const string Canary = "CANARY-hunter2-7f3b9d1e-DO-NOT-LEAK";
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Sealed_text_does_not_contain_the_value_in_any_plain_encoding()
    {
        var sealedText = keys.Sealer.Seal(Encoding.UTF8.GetBytes(Canary), Location);

        foreach (var encoding in Encodings(Canary))
        {
            Assert.DoesNotContain(encoding, sealedText, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void No_failure_message_contains_the_sealed_value()
    {
        var sealedText = keys.Sealer.Seal(Encoding.UTF8.GetBytes(Canary), Location);
        using var otherRing = new KeyRing([keys.Older()]);
        var failures = new List<Func<object>>
        {
            () => keys.Unsealer.Unseal(sealedText, SealingScope.Strict("ml-prod", "fraud-scorer", "other")),
            () => keys.Unsealer.Unseal(sealedText, SealingScope.NamespaceWide("ml-prod")),
            () => new Unsealer(otherRing).Unseal(sealedText, Location),
            () => keys.Unsealer.Unseal(sealedText[..^3], Location),
            () => keys.Unsealer.Unseal("AGS2" + sealedText[4..], Location),
            () => keys.Unsealer.Unseal(sealedText.Insert(10, "!"), Location),
            () => keys.Unsealer.Unseal(Canary, Location),
            () => keys.Unsealer.Unseal("AGS1" + Canary, Location),
            () => keys.Sealer.Seal(new byte[SealedValue.MaxValueBytes + 1], Location),
        };

        // one per region of the envelope: header, key id, wrapped key, nonce, ciphertext, tag
        var length = Envelope.Decode(sealedText).Length;
        foreach (var position in new[] { 1, 3, 7, 15, 100, 530, Envelope.CiphertextOffset + 2, length - 1 })
        {
            var altered = Envelope.Alter(sealedText, e => e[position] ^= 0x04);
            failures.Add(() => keys.Unsealer.Unseal(altered, Location));
        }

        var seen = new HashSet<SealingFailure>();
        foreach (var failure in failures)
        {
            var error = Assert.Throws<SealingException>(failure);
            seen.Add(error.Reason);
            var everything = error + " " + error.KeyId;
            foreach (var encoding in Encodings(Canary))
            {
                Assert.DoesNotContain(encoding, everything, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Superset(
            new HashSet<SealingFailure> { SealingFailure.Malformed, SealingFailure.UnsupportedVersion, SealingFailure.UnknownKey, SealingFailure.WrongScope, SealingFailure.Tampered, SealingFailure.ValueTooLarge },
            seen);
    }

    private static IEnumerable<string> Encodings(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        yield return value;
        yield return value[..12]; // a recognizable fragment is a leak too
        yield return Convert.ToHexString(bytes);
        yield return Convert.ToBase64String(bytes)[..16];
        yield return System.Buffers.Text.Base64Url.EncodeToString(bytes)[..16];
    }
}
