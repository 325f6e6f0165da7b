using System.Text;

namespace AiGuard.Sealing.Tests;

[Collection(SealingKeysCollection.Name)]
public sealed class RoundTripTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Opens_value_sealed_for_its_exact_secret()
    {
        var sealedText = keys.Sealer.Seal("s3cr3t-token"u8, Location);

        var opened = keys.Unsealer.Unseal(sealedText, Location);

        Assert.Equal("s3cr3t-token", Encoding.UTF8.GetString(opened));
    }

    [Fact]
    public void Opens_namespace_wide_value_for_any_model_deployment_and_secret_of_the_namespace()
    {
        var sealedText = keys.Sealer.Seal("shared-db-password"u8, SealingScope.NamespaceWide("ml-prod"));

        Assert.Equal("shared-db-password", Encoding.UTF8.GetString(keys.Unsealer.Unseal(sealedText, Location)));
        Assert.Equal("shared-db-password", Encoding.UTF8.GetString(keys.Unsealer.Unseal(sealedText, SealingScope.Strict("ml-prod", "other-model", "db"))));
        Assert.Equal("shared-db-password", Encoding.UTF8.GetString(keys.Unsealer.Unseal(sealedText, SealingScope.NamespaceWide("ml-prod"))));
    }

    [Fact]
    public void Opens_empty_binary_and_maximal_values()
    {
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var maximal = new byte[SealedValue.MaxValueBytes];
        Random.Shared.NextBytes(maximal);

        foreach (var value in new[] { Array.Empty<byte>(), binary, maximal })
        {
            var opened = keys.Unsealer.Unseal(keys.Sealer.Seal(value, Location), Location);
            Assert.Equal(value, opened);
        }
    }

    [Fact]
    public void Refuses_value_larger_than_a_secret_can_hold()
    {
        var error = Assert.Throws<SealingException>(() => keys.Sealer.Seal(new byte[SealedValue.MaxValueBytes + 1], Location));

        Assert.Equal(SealingFailure.ValueTooLarge, error.Reason);
    }

    [Fact]
    public void Sealed_text_is_AGS1_and_unpadded_base64url_with_documented_header()
    {
        var sealedText = keys.Sealer.Seal("abc"u8, Location);

        Assert.Matches("^AGS1[A-Za-z0-9_-]+$", sealedText);
        var envelope = Envelope.Decode(sealedText);
        Assert.Equal(1, envelope[0]);
        Assert.Equal(1, envelope[1]);
        Assert.Equal(keys.Sealer.KeyId, "k-" + Convert.ToHexStringLower(envelope.AsSpan(2, 4)));
        Assert.Equal(Envelope.ScopeDigest("ml-prod/fraud-scorer/registry-token")[..8], envelope[6..14]);
        Assert.Equal(Envelope.WrappedKeyLength, (envelope[14] << 8) | envelope[15]);
        Assert.Equal(Envelope.CiphertextOffset + 3 + 16, envelope.Length);

        var parsed = SealedValue.Parse(sealedText);
        Assert.Equal(keys.Sealer.KeyId, parsed.KeyId);
        Assert.Equal(SealingScopeMode.Strict, parsed.ScopeMode);
        Assert.Equal(1, parsed.Version);
        Assert.Equal(3, parsed.ValueLength);
    }

    [Fact]
    public void Sealing_the_same_value_twice_uses_a_fresh_key_and_nonce()
    {
        var first = Envelope.Decode(keys.Sealer.Seal("same"u8, Location));
        var second = Envelope.Decode(keys.Sealer.Seal("same"u8, Location));

        Assert.Equal(first[..16], second[..16]); // same header: version, mode, key id, scope, length
        Assert.NotEqual(first[16..528], second[16..528]); // wrapped key
        Assert.NotEqual(first[528..540], second[528..540]); // nonce
        Assert.NotEqual(first[540..], second[540..]); // ciphertext and tag
    }
}
