using AiGuard.Sealing;

namespace AiGuard.Cli.Audit.Sealing;

/// <summary>
/// SealingKeyFiles loads the keys named by <c>aiguard audit --sealing-key PATH</c> into a <see cref="KeyRing"/>.
/// A PATH is a PEM file (private key, with or without its certificate), a <c>kubernetes.io/tls</c> Secret manifest
/// as <c>kubectl get secret -o yaml|json</c> exports it, or a directory of such files (not recursive; hidden files
/// skipped; a mounted Secret's <c>tls.crt</c>/<c>tls.key</c> pair is read as one key). Every unusable file is
/// reported as <c>file: reason</c>; no message holds key material.
/// </summary>
public static class SealingKeyFiles
{
    private static readonly string[] Extensions = [".pem", ".key", ".crt", ".yaml", ".yml", ".json"];

    /// <summary>Loads every key; throws <see cref="ManifestLoadException"/> naming each unusable path.</summary>
    public static KeyRing Load(IEnumerable<string> paths)
    {
        var ring = new KeyRing();
        var errors = new List<ManifestError>();
        foreach (var path in paths)
        {
            var display = path.Replace('\\', '/');
            try
            {
                if (Directory.Exists(path))
                {
                    LoadDirectory(path, display, ring, errors);
                }
                else if (File.Exists(path))
                {
                    LoadFile(File.ReadAllText(path), display, ring, errors);
                }
                else
                {
                    errors.Add(new ManifestError(display, null, "no such file or directory"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                errors.Add(new ManifestError(display, null, $"cannot read: {e.Message}"));
            }
        }

        if (errors.Count > 0)
        {
            ring.Dispose();
            throw new ManifestLoadException(errors);
        }
        return ring;
    }

    private static void LoadDirectory(string directory, string display, KeyRing ring, List<ManifestError> errors)
    {
        var files = Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var prefix = display.TrimEnd('/') + "/";
        // A Secret mounted as a volume (or `kubectl get secret` split into files) holds tls.crt and tls.key apart.
        if (files.Contains("tls.key"))
        {
            var certificate = files.Contains("tls.crt") ? File.ReadAllText(Path.Combine(directory, "tls.crt")) + "\n" : "";
            LoadFile(certificate + File.ReadAllText(Path.Combine(directory, "tls.key")), prefix + "tls.key", ring, errors);
            files.Remove("tls.key");
            files.Remove("tls.crt");
        }
        if (files.Count == 0 && !File.Exists(Path.Combine(directory, "tls.key")))
        {
            errors.Add(new ManifestError(display, null, $"directory holds no key files ({string.Join(", ", Extensions.Select(e => "*" + e))})"));
        }
        foreach (var file in files)
        {
            LoadFile(File.ReadAllText(Path.Combine(directory, file)), prefix + file, ring, errors);
        }
    }

    private static void LoadFile(string text, string display, KeyRing ring, List<ManifestError> errors)
    {
        try
        {
            var pemTexts = SealingKeyPem.HasPem(text) ? [text] : SealingKeySecretManifest.PemTexts(text);
            foreach (var pem in pemTexts)
            {
                foreach (var key in SealingKeyPem.Read(pem))
                {
                    Add(ring, key);
                }
            }
        }
        catch (SealingKeyFileException e)
        {
            errors.Add(new ManifestError(display, null, e.Message));
        }
    }

    private static void Add(KeyRing ring, SealingKeyPair key)
    {
        try
        {
            ring.Add(key);
        }
        catch (SealingException e)
        {
            key.Dispose();
            throw new SealingKeyFileException(e.Message);
        }
    }
}
