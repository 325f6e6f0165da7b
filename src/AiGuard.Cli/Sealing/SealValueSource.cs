namespace AiGuard.Cli.Sealing;

/// <summary>SealValueSource is one <c>--from-literal KEY=VALUE</c> or <c>--from-file KEY=PATH</c>, not yet read.</summary>
/// <param name="Key">The data key inside <c>sealedData</c>.</param>
/// <param name="Literal">The literal value, for --from-literal.</param>
/// <param name="Path">The file to read as-is, for --from-file.</param>
public sealed record SealValueSource(string Key, string? Literal, string? Path)
{
    /// <summary>The value's bytes: the literal as UTF-8, or the file's bytes unchanged.</summary>
    /// <exception cref="SealException">The file cannot be read (exit 2).</exception>
    public byte[] Read()
    {
        if (Literal is not null)
        {
            return System.Text.Encoding.UTF8.GetBytes(Literal);
        }

        try
        {
            return File.ReadAllBytes(Path!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw SealException.Input($"--from-file {Key}={Path}: cannot read the file: {e.Message}");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Literal is null ? $"{Key} (file {Path})" : $"{Key} (literal)";
}
