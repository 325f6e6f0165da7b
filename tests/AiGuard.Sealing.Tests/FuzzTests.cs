using System.Buffers.Text;
using CsCheck;

namespace AiGuard.Sealing.Tests;

/// <summary>
/// Fuzzes the parser and opener: whatever text arrives from a manifest, the only exception is SealingException,
/// and nothing but the untouched sealed text opens.
/// </summary>
[Collection(SealingKeysCollection.Name)]
public sealed class FuzzTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Random_strings_fail_only_with_SealingException()
    {
        var text = Gen.OneOf(
            Gen.String,
            Gen.String.Select(s => "AGS1" + s),
            Gen.Char["AGS1-_=+/ \nabcXYZ0189"].Array[0, 64].Select(c => new string(c)));

        text.Sample(s => AssertOnlySealingException(s), iter: 5000, threads: 1);
    }

    [Fact]
    public void Random_base64url_bodies_fail_only_with_SealingException()
    {
        var text = Gen.Byte.Array[0, 700].Select(bytes => "AGS1" + Base64Url.EncodeToString(bytes));

        text.Sample(s => AssertOnlySealingException(s), iter: 3000, threads: 1);
    }

    [Fact]
    public void Plausible_headers_with_random_contents_fail_only_with_SealingException()
    {
        // Envelopes that pass parsing, the scope check and the key lookup, so the private-key path is fuzzed too.
        var keyId = Convert.FromHexString(keys.Sealer.KeyId[2..]);
        var fingerprint = Envelope.ScopeDigest(Location.ToString())[..8];
        var envelope = Gen.Select(Gen.Int[0, 600], Gen.Byte.Array[600], Gen.Int[-2, 2], (length, random, lengthDelta) =>
        {
            var bytes = new byte[Envelope.CiphertextOffset + length + 16];
            random.AsSpan(0, Math.Min(random.Length, bytes.Length)).CopyTo(bytes);
            bytes[0] = 1;
            bytes[1] = 1;
            keyId.CopyTo(bytes, 2);
            fingerprint.CopyTo(bytes, 6);
            var wrapped = Envelope.WrappedKeyLength + lengthDelta;
            bytes[14] = (byte)(wrapped >> 8);
            bytes[15] = (byte)wrapped;
            return Envelope.Encode(bytes);
        });

        envelope.Sample(s => AssertOnlySealingException(s), iter: 500, threads: 1);
    }

    [Fact]
    public void Mutated_envelopes_never_open_and_fail_only_with_SealingException()
    {
        var original = keys.Sealer.Seal("mutation-target-value"u8, Location);
        var originalBytes = Envelope.Decode(original);
        var mutation = Gen.OneOf(
            // flip one bit anywhere in the binary envelope
            Gen.Select(Gen.Int[0, originalBytes.Length - 1], Gen.Int[0, 7], (i, bit) => Envelope.Alter(original, e => e[i] ^= (byte)(1 << bit))),
            // overwrite a byte with a random value
            Gen.Select(Gen.Int[0, originalBytes.Length - 1], Gen.Byte, (i, b) => Envelope.Alter(original, e => e[i] = b)),
            // truncate the binary envelope
            Gen.Int[0, originalBytes.Length - 1].Select(n => Envelope.Encode(originalBytes[..n])),
            // truncate the text
            Gen.Int[0, original.Length - 1].Select(n => original[..n]),
            // insert random bytes
            Gen.Select(Gen.Int[0, originalBytes.Length], Gen.Byte.Array[1, 8], (i, extra) => Envelope.Encode([.. originalBytes[..i], .. extra, .. originalBytes[i..]])),
            // replace one text character
            Gen.Select(Gen.Int[0, original.Length - 1], Gen.Char["ABCabc019-_+/=. "], (i, c) => original[..i] + c + original[(i + 1)..]),
            // swap two regions of the binary envelope
            Gen.Select(Gen.Int[0, originalBytes.Length - 1], Gen.Int[0, originalBytes.Length - 1], (i, j) =>
                Envelope.Alter(original, e => (e[i], e[j]) = (e[j], e[i]))));

        mutation.Sample(
            s =>
            {
                if (s == original)
                {
                    return; // a no-op mutation (e.g. swapping equal bytes) must still open
                }

                AssertOnlySealingException(s);
            },
            iter: 2000,
            threads: 1);
    }

    private void AssertOnlySealingException(string text)
    {
        try
        {
            keys.Unsealer.Unseal(text, Location);
        }
        catch (SealingException)
        {
            return;
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} escaped for input of length {text.Length}: {e.Message}");
        }

        Assert.Fail($"an altered or random value of length {text.Length} opened");
    }
}
