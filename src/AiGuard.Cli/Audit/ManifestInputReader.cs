namespace AiGuard.Cli.Audit;

/// <summary>
/// ManifestInputReader expands the command-line paths into input files: a file as given, a directory recursively
/// (*.yaml, *.yml, *.json; hidden and symlinked directories skipped; sorted by path so output is deterministic),
/// and <c>-</c> for standard input. A file named twice, in one call or across calls, is read once.
/// </summary>
public sealed class ManifestInputReader(TextReader stdin)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private bool _stdinRead;

    /// <summary>Reads every input; throws <see cref="ManifestLoadException"/> naming each path that cannot be read.</summary>
    public IReadOnlyList<ManifestInput> Read(IEnumerable<string> paths)
    {
        var inputs = new List<ManifestInput>();
        var errors = new List<ManifestError>();
        var seen = _seen;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                if (!_stdinRead)
                {
                    _stdinRead = true;
                    inputs.Add(new ManifestInput(ManifestInput.StdinName, stdin.ReadToEnd()));
                }
                continue;
            }
            var display = Normalize(path);
            try
            {
                if (Directory.Exists(path))
                {
                    foreach (var relative in FilesUnder(path))
                    {
                        var file = Path.Combine(path, relative);
                        if (seen.Add(Path.GetFullPath(file)))
                        {
                            inputs.Add(new ManifestInput(JoinDisplay(display, relative), File.ReadAllText(file)));
                        }
                    }
                }
                else if (File.Exists(path))
                {
                    if (seen.Add(Path.GetFullPath(path)))
                    {
                        inputs.Add(new ManifestInput(display, File.ReadAllText(path)));
                    }
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
            throw new ManifestLoadException(errors);
        }
        return inputs;
    }

    /// <summary>Manifest files below <paramref name="directory"/>, as sorted relative paths with '/'.</summary>
    private static List<string> FilesUnder(string directory)
    {
        var files = new List<string>();
        var pending = new Stack<string>([""]);
        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            var full = relative.Length == 0 ? directory : Path.Combine(directory, relative);
            foreach (var file in Directory.EnumerateFiles(full))
            {
                var name = Path.GetFileName(file);
                if (Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                {
                    files.Add(relative.Length == 0 ? name : relative + "/" + name);
                }
            }
            foreach (var sub in Directory.EnumerateDirectories(full))
            {
                var info = new DirectoryInfo(sub);
                // Symlinked directories could loop; hidden ones (.git, .github) hold no manifests to audit.
                if (info.LinkTarget is null && !info.Name.StartsWith('.'))
                {
                    pending.Push(relative.Length == 0 ? info.Name : relative + "/" + info.Name);
                }
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static string JoinDisplay(string directory, string relative) =>
        directory is "." or "./" ? relative : directory.TrimEnd('/') + "/" + relative;
}
