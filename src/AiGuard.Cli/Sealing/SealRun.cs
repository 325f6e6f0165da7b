using System.Globalization;
using System.Security.Cryptography;
using AiGuard.Operator.Sealing;
using AiGuard.Sealing;

namespace AiGuard.Cli.Sealing;

/// <summary>
/// SealRun carries out a checked <see cref="SealRequest"/>: reads the values, fetches and checks the certificate,
/// seals, and prints or merges. Plaintext buffers are zeroed as soon as they are sealed.
/// </summary>
public static class SealRun
{
    /// <summary>Runs the request.</summary>
    /// <returns>An exit code from <see cref="SealExitCodes"/>.</returns>
    /// <exception cref="SealException">Anything the user must fix or retry.</exception>
    public static async Task<int> ExecuteAsync(SealRequest request, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var scope = request.NamespaceWide
            ? SealingScope.NamespaceWide(request.Namespace)
            : SealingScope.Strict(request.Namespace, request.Model!, request.Secret!);

        // Check local inputs first: a typo in a path should not cost a certificate fetch. Values are read only
        // once the sealer is ready, so plaintext lives in memory as briefly as possible.
        foreach (var file in request.Values.Where(v => v.Path is not null && !File.Exists(v.Path)))
        {
            throw SealException.Input($"--from-file {file.Key}={file.Path}: cannot read the file: it does not exist");
        }

        var manifest = request.MergeInto is null ? null : ManifestFile.Read(request.MergeInto);
        if (request.Certificate.IsPlainHttp && request.KeyId?.StartsWith(SealingKeyFingerprint.Prefix, StringComparison.Ordinal) != true)
        {
            await error.WriteLineAsync(
                $"warning: --cert {request.Certificate.PathOrUrl} fetches the certificate over plain http, unauthenticated: anyone on the network path can swap it "
                + "for their own and read every value sealed with it. Use https, pin the key with --key-id sha256:FINGERPRINT (the operator logs it and "
                + "publishes it in the ConfigMap aiguard-sealing-cert), or use --fetch-cert.").ConfigureAwait(false);
        }

        var pem = await CertificateFetcher.LoadAsync(request.Certificate, cancellationToken).ConfigureAwait(false);
        using var sealer = CheckedSealer(pem, request.Certificate, clock);
        CheckPin(pem, sealer.KeyId, request);

        var sealedData = new List<KeyValuePair<string, string>>();
        foreach (var source in request.Values)
        {
            var value = source.Read();
            try
            {
                sealedData.Add(new(source.Key, sealer.Seal(value, scope)));
            }
            catch (SealingException e)
            {
                // Library messages never hold the value; name the key so the user knows which one.
                throw SealException.Input($"{source}: {e.Message}");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }

        if (request.Raw)
        {
            await output.WriteLineAsync(sealedData[0].Value).ConfigureAwait(false);
            return SealExitCodes.Sealed;
        }

        var entry = new SecretEntry(request.Secret!, request.MountPath, request.Expose, sealedData);
        var what = $"{sealedData.Count} value(s) for scope {scope} with key {sealer.KeyId}";
        if (manifest is null)
        {
            await output.WriteAsync(entry.ToYaml()).ConfigureAwait(false);
            await error.WriteLineAsync($"sealed {what}").ConfigureAwait(false);
            return SealExitCodes.Sealed;
        }

        var merged = ManifestMerge.Merge(manifest.Text, request.MergeInto!, request.Namespace, request.Model!, entry);
        manifest.Replace(merged.Text);
        foreach (var note in merged.Notes)
        {
            await error.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            $"{(merged.Replaced ? "updated" : "added")} spec.secrets entry {request.Secret} of ModelDeployment {request.Namespace}/{request.Model} in {request.MergeInto}: sealed {what}").ConfigureAwait(false);
        return SealExitCodes.Sealed;
    }

    /// <summary>Refuses a certificate whose key is not the one pinned with --key-id, naming both.</summary>
    private static void CheckPin(string pem, string keyId, SealRequest request)
    {
        if (request.KeyId is not { } pin)
        {
            return;
        }

        // The sealer already parsed this PEM, so it holds a certificate.
        var fingerprint = SealingKeyFingerprint.OfPem(pem);
        var matches = pin.StartsWith(SealingKeyFingerprint.Prefix, StringComparison.Ordinal) ? pin == fingerprint : pin == keyId;
        if (!matches)
        {
            throw SealException.Input(
                $"the certificate from {request.Certificate.Describe()} has key {keyId} ({fingerprint}), but --key-id pins {pin}: "
                + "nothing was sealed. Either the certificate was swapped on the way, or the operator rotated its key: compare with the "
                + $"operator's log or `kubectl get configmap {SealingKeyStore.CertificateConfigMapName} -n <operator namespace> -o yaml` before changing --key-id");
        }
    }

    private static Sealer CheckedSealer(string pem, CertificateSource source, TimeProvider clock)
    {
        Sealer sealer;
        try
        {
            sealer = Sealer.FromCertificatePem(pem, clock);
        }
        catch (SealingException e)
        {
            throw SealException.Input($"{source.Describe()} is not a usable sealing certificate: {e.Message}");
        }

        var now = clock.GetUtcNow();
        if (now > sealer.NotAfter || now < sealer.NotBefore)
        {
            var problem = now > sealer.NotAfter
                ? $"expired at {Rfc3339(sealer.NotAfter)}; fetch the cluster's current certificate (--fetch-cert) and seal again"
                : $"is valid only from {Rfc3339(sealer.NotBefore)} (now {Rfc3339(now)}); check this machine's clock";
            sealer.Dispose();
            throw SealException.Input($"sealing certificate {sealer.KeyId} from {source.Describe()} {problem}");
        }

        return sealer;
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
