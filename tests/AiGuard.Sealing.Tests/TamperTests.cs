namespace AiGuard.Sealing.Tests;

[Collection(SealingKeysCollection.Name)]
public sealed class TamperTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    // A changed wrapped-key length is Malformed when the envelope becomes too short for it, otherwise Tampered
    // because it no longer matches the key's modulus.
    public static TheoryData<string, SealingFailure[]> Regions => new()
    {
        { "version", [SealingFailure.Malformed] },
        { "key id", [SealingFailure.UnknownKey] },
        { "scope fingerprint", [SealingFailure.WrongScope] },
        { "wrapped key length", [SealingFailure.Malformed, SealingFailure.Tampered] },
        { "wrapped key", [SealingFailure.Tampered] },
        { "nonce", [SealingFailure.Tampered] },
        { "ciphertext", [SealingFailure.Tampered] },
        { "tag", [SealingFailure.Tampered] },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Refuses_value_with_any_byte_of_a_region_flipped(string region, SealingFailure[] expected)
    {
        var sealedText = keys.Sealer.Seal("value-under-test-0123456789"u8, Location);
        var (offset, length) = Locate(region, Envelope.Decode(sealedText).Length);

        foreach (var position in new[] { offset, offset + length / 2, offset + length - 1 })
        {
            var altered = Envelope.Alter(sealedText, e => e[position] ^= 0x01);

            var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(altered, Location));
            Assert.Contains(error.Reason, expected);
        }
    }

    [Fact]
    public void Reports_flipped_scope_mode_as_tampering_not_as_another_scope()
    {
        var strict = keys.Sealer.Seal("v"u8, Location);
        var namespaceWide = keys.Sealer.Seal("v"u8, SealingScope.NamespaceWide("ml-prod"));

        var strictMadeWide = Envelope.Alter(strict, e => e[1] = 2);
        var wideMadeStrict = Envelope.Alter(namespaceWide, e => e[1] = 1);
        var unknownMode = Envelope.Alter(strict, e => e[1] = 3);

        Assert.Equal(SealingFailure.Tampered, Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(strictMadeWide, Location)).Reason);
        Assert.Equal(SealingFailure.Tampered, Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(wideMadeStrict, Location)).Reason);
        Assert.Equal(SealingFailure.Malformed, Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(unknownMode, Location)).Reason);
    }

    [Fact]
    public void Reports_header_forged_for_another_scope_as_tampering()
    {
        // A value moved to another secret with its scope hint rewritten to match: the header check passes, but
        // the scope digest wrapped with the AES key (and the GCM associated data) still name the original scope.
        var moved = SealingScope.Strict("ml-prod", "fraud-scorer", "other-secret");
        var forged = Envelope.Alter(
            keys.Sealer.Seal("v"u8, Location),
            e => Envelope.ScopeDigest(moved.ToString())[..8].CopyTo(e, 6));

        var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(forged, moved));

        Assert.Equal(SealingFailure.Tampered, error.Reason);
        Assert.Contains("wrapped key was sealed for another", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AGS2", SealingFailure.UnsupportedVersion)]
    [InlineData("AGS9", SealingFailure.UnsupportedVersion)]
    [InlineData("XGS1", SealingFailure.Malformed)]
    [InlineData("ags1", SealingFailure.Malformed)]
    [InlineData("", SealingFailure.Malformed)]
    public void Refuses_other_text_prefixes(string prefix, SealingFailure expected)
    {
        var sealedText = keys.Sealer.Seal("v"u8, Location);

        var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(prefix + sealedText[4..], Location));

        Assert.Equal(expected, error.Reason);
    }

    [Theory]
    [InlineData("padding")]
    [InlineData("whitespace")]
    [InlineData("standard base64")]
    [InlineData("truncated by one character")]
    [InlineData("truncated by one byte")]
    [InlineData("extended by one byte")]
    [InlineData("non-canonical last character")]
    public void Refuses_text_that_is_not_the_exact_base64url_form(string change)
    {
        var sealedText = keys.Sealer.Seal("0123456789"u8, Location);
        var altered = change switch
        {
            "padding" => sealedText + "=",
            "whitespace" => sealedText.Insert(40, "\n"),
            "standard base64" => sealedText.Replace('-', '+').Replace('_', '/') + (sealedText.Contains('-') || sealedText.Contains('_') ? "" : "+"),
            "truncated by one character" => sealedText[..^1],
            "truncated by one byte" => Envelope.Encode(Envelope.Decode(sealedText)[..^1]),
            "extended by one byte" => Envelope.Encode([.. Envelope.Decode(sealedText), 0]),
            "non-canonical last character" => NonCanonical(sealedText),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var error = Assert.Throws<SealingException>(() => keys.Unsealer.Unseal(altered, Location));

        Assert.Contains(error.Reason, new[] { SealingFailure.Malformed, SealingFailure.Tampered });
    }

    private static (int Offset, int Length) Locate(string region, int envelopeLength)
    {
        foreach (var (name, offset, length) in Envelope.FixedRegions)
        {
            if (name == region)
            {
                return (offset, length);
            }
        }

        return region switch
        {
            "ciphertext" => (Envelope.CiphertextOffset, envelopeLength - Envelope.CiphertextOffset - 16),
            "tag" => (envelopeLength - 16, 16),
            _ => throw new ArgumentOutOfRangeException(nameof(region)),
        };
    }

    private static string NonCanonical(string sealedText)
    {
        // The last character carries unused low bits unless the body length is a multiple of 4; set one of them.
        var body = sealedText[4..];
        Assert.NotEqual(0, body.Length % 4);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = Alphabet.IndexOf(body[^1], StringComparison.Ordinal);
        return sealedText[..^1] + Alphabet[last ^ 1];
    }
}
