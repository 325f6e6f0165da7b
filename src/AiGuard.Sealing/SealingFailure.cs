namespace AiGuard.Sealing;

/// <summary>SealingFailure is the machine-readable reason of a <see cref="SealingException"/>.</summary>
public enum SealingFailure
{
    /// <summary>The text is not a sealed value: wrong prefix, bad base64url, truncated or inconsistent envelope.</summary>
    Malformed,

    /// <summary>The value was sealed in an envelope version this build cannot read.</summary>
    UnsupportedVersion,

    /// <summary>The value names a key id the key ring does not hold (retired, from another cluster, or altered).</summary>
    UnknownKey,

    /// <summary>The value was sealed for another namespace, ModelDeployment or secret name (or scope mode).</summary>
    WrongScope,

    /// <summary>The value does not authenticate: some part of it was altered after sealing.</summary>
    Tampered,

    /// <summary>The sealing certificate's notAfter has passed.</summary>
    ExpiredCertificate,

    /// <summary>The sealing certificate's notBefore lies in the future.</summary>
    CertificateNotYetValid,

    /// <summary>A namespace, ModelDeployment or secret name is not a DNS label.</summary>
    InvalidScope,

    /// <summary>A certificate or private key is unusable: unparsable PEM, not RSA, too small, mismatched, or an id collision.</summary>
    InvalidKey,

    /// <summary>The value to seal is larger than a Kubernetes Secret can hold.</summary>
    ValueTooLarge,
}
