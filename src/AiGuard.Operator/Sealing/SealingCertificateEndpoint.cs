using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiGuard.Operator.Sealing;

/// <summary>
/// SealingCertificateEndpoint serves the active sealing certificate at <c>GET /v1/cert.pem</c>, so
/// <c>aiguard seal --cert https://operator/v1/cert.pem</c> works without cluster credentials. The certificate is
/// public; the private keys never leave the key store. The answer carries the key id and fingerprint in
/// <c>X-AiGuard-Key-Id</c> and <c>X-AiGuard-Key-Fingerprint</c> (computed from the served PEM, so they always match it).
/// </summary>
public static class SealingCertificateEndpoint
{
    /// <summary>The path the certificate is served at.</summary>
    public const string Path = "/v1/cert.pem";

    /// <summary>The media type of the answer.</summary>
    public const string ContentType = "application/x-pem-file";

    /// <summary>Maps <c>GET /v1/cert.pem</c> to the store's active certificate (503 until a key exists).</summary>
    public static IEndpointConventionBuilder MapSealingCertificate(this IEndpointRouteBuilder endpoints, SealingKeyStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return endpoints.MapSealingCertificate(() => store.ActiveCertificatePem);
    }

    /// <summary>Maps <c>GET /v1/cert.pem</c> to whatever <paramref name="activeCertificatePem"/> returns (503 while it returns null).</summary>
    public static IEndpointConventionBuilder MapSealingCertificate(this IEndpointRouteBuilder endpoints, Func<string?> activeCertificatePem)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(activeCertificatePem);
        return endpoints.MapGet(Path, (HttpContext context) =>
        {
            // Sealers must not keep a stale certificate after a renewal: always revalidate.
            context.Response.Headers.CacheControl = "no-cache";
            var pem = activeCertificatePem();
            if (pem is null)
            {
                context.Response.Headers.RetryAfter = "5";
            }

            else
            {
                var fingerprint = SealingKeyFingerprint.OfPem(pem);
                context.Response.Headers[SealingKeyFingerprint.KeyIdHeader] = SealingKeyFingerprint.KeyIdOf(fingerprint);
                context.Response.Headers[SealingKeyFingerprint.FingerprintHeader] = fingerprint;
            }

            return pem is null
                ? Results.Text(
                    "no sealing key exists yet: the operator's leader creates one shortly after it starts; retry in a few seconds\n",
                    "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text(pem, ContentType);
        });
    }
}
