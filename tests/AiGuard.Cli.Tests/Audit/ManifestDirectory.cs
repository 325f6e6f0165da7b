namespace AiGuard.Cli.Tests.Audit;

/// <summary>ManifestDirectory is a temporary directory of manifest files, deleted on dispose.</summary>
internal sealed class ManifestDirectory : IDisposable
{
    public ManifestDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "aiguard-audit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/> and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
