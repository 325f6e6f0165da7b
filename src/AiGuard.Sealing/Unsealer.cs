using System.Security.Cryptography;

namespace AiGuard.Sealing;

/// <summary>
/// Unsealer opens sealed values with the key ring's private keys, choosing the key by the id in the envelope.
/// Checks run cheapest first and each failure has its own reason: malformed text, a value moved to another scope
/// (from the header, before any private-key operation), an unknown key, then RSA-OAEP, the scope digest inside the
/// wrapped payload, and AES-GCM over header and scope, which authenticate every byte.
/// </summary>
public sealed class Unsealer(KeyRing keys)
{
    private readonly KeyRing _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>Parses and opens a sealed value found at <paramref name="location"/>.</summary>
    /// <param name="sealedText">The text form (<c>AGS1...</c>).</param>
    /// <param name="location">Where the value sits: strict (namespace, ModelDeployment, secret name), which also
    /// accepts namespace-wide values of that namespace.</param>
    /// <returns>The plaintext; the caller should zero it (<see cref="CryptographicOperations.ZeroMemory"/>) when done.</returns>
    /// <exception cref="SealingException">For any reason the value cannot be opened here.</exception>
    public byte[] Unseal(string sealedText, SealingScope location) => Unseal(SealedValue.Parse(sealedText), location);

    /// <summary>Opens a parsed sealed value found at <paramref name="location"/>.</summary>
    /// <inheritdoc cref="Unseal(string, SealingScope)"/>
    public byte[] Unseal(SealedValue value, SealingScope location)
    {
        ArgumentNullException.ThrowIfNull(value);
        var scope = value.ScopeAt(location);
        var key = FindKey(value.KeyId);
        if (value.WrappedKey.Length != key.ModulusBytes)
        {
            throw Tampered($"its wrapped key is {value.WrappedKey.Length} bytes but key {key.KeyId} wraps to {key.ModulusBytes}", value.KeyId);
        }

        byte[] payload;
        try
        {
            payload = key.Unwrap(value.WrappedKey);
        }
        catch (CryptographicException)
        {
            throw Tampered($"its wrapped key does not decrypt with key {key.KeyId}", value.KeyId);
        }

        try
        {
            if (payload.Length != EnvelopeFormat.WrappedPayloadLength)
            {
                throw Tampered("its wrapped key has the wrong length", value.KeyId);
            }

            // The header's scope hint matched, yet the key was wrapped for another scope: a forged header.
            if (!CryptographicOperations.FixedTimeEquals(payload.AsSpan(EnvelopeFormat.AesKeyLength), EnvelopeFormat.ScopeDigest(scope)))
            {
                throw Tampered("its header claims this scope but its wrapped key was sealed for another", value.KeyId);
            }

            return Decrypt(value, scope, payload.AsSpan(0, EnvelopeFormat.AesKeyLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    private static byte[] Decrypt(SealedValue value, SealingScope scope, ReadOnlySpan<byte> aesKey)
    {
        var plaintext = new byte[value.ValueLength];
        try
        {
            using var aes = new AesGcm(aesKey, EnvelopeFormat.TagLength);
            aes.Decrypt(value.Nonce, value.Ciphertext, value.Tag, plaintext, EnvelopeFormat.AssociatedData(value.Header, scope));
            return plaintext;
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw Tampered("its header, nonce, ciphertext or tag does not authenticate", value.KeyId);
        }
    }

    private SealingKeyPair FindKey(string keyId)
    {
        if (_keys.TryGet(keyId, out var key))
        {
            return key;
        }

        var held = _keys.Keys.Count == 0 ? "none" : string.Join(", ", _keys.Keys.Select(k => k.KeyId));
        throw new SealingException(
            SealingFailure.UnknownKey,
            $"value was sealed with key {keyId}, which this cluster does not hold (held: {held}); seal it again with the cluster's current certificate",
            keyId);
    }

    private static SealingException Tampered(string detail, string keyId) =>
        new(SealingFailure.Tampered, $"sealed value was altered or damaged after sealing: {detail}", keyId);
}
