using System.Text;

namespace AiGuard.Cli.Sealing;

/// <summary>
/// ManifestFile reads a manifest as UTF-8 (remembering a byte-order mark) and replaces it atomically: the new
/// content goes to a temporary file beside it, flushed to disk, which is then renamed over the original, so a
/// crash leaves either the old or the new file, never half of one. A symbolic link is followed and its target
/// replaced; the file's Unix permissions are kept.
/// </summary>
public sealed class ManifestFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ManifestFile(string path, string text, bool byteOrderMark)
    {
        Path = path;
        Text = text;
        ByteOrderMark = byteOrderMark;
    }

    /// <summary>The file written to (a symbolic link's final target).</summary>
    public string Path { get; }

    /// <summary>The content without a byte-order mark.</summary>
    public string Text { get; }

    /// <summary>True when the file started with a UTF-8 byte-order mark (kept on write).</summary>
    public bool ByteOrderMark { get; }

    /// <exception cref="SealException">The file cannot be read or is not UTF-8 (exit 2).</exception>
    public static ManifestFile Read(string path)
    {
        try
        {
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(path);
            var bytes = File.ReadAllBytes(target);
            var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            return new ManifestFile(target, StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), bom);
        }
        catch (DecoderFallbackException)
        {
            throw SealException.Input($"--merge-into {path}: the file is not UTF-8 text");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw SealException.Input($"--merge-into {path}: cannot read the file: {e.Message}");
        }
    }

    /// <summary>Replaces the file's content atomically.</summary>
    /// <exception cref="SealException">The directory is not writable or the rename failed (exit 2); the file is unchanged.</exception>
    public void Replace(string text)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.aiguard-seal-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (ByteOrderMark)
                {
                    stream.Write(Encoding.UTF8.Preamble);
                }

                stream.Write(StrictUtf8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(Path));
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw SealException.Input($"--merge-into {Path}: cannot write the file: {e.Message}; it was not changed");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden temporary file is harmless and names itself.
        }
    }
}
