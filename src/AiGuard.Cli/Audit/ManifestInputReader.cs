using AiGuard.Cli.Audit.Schema;

namespace AiGuard.Cli.Audit;

/// <summary>
/// ManifestInputReader expands the command-line paths into input files: a file as given, a directory recursively
/// (*.yaml, *.yml, *.json; hidden and symlinked directories skipped; sorted by path so output is deterministic),
/// and <c>-</c> for standard input. A file named twice is read once: in one call it is listed once, across calls
/// every call lists the same <see cref="ManifestInput"/> instance (so a caller can tell that an audited file is also
/// a --policy file). Sizes are
/// checked against <see cref="InputLimits"/> before a file is read (and enforced while reading, for pipes and
/// files that grow), so an oversized input costs no memory. With <c>parallelism</c> of more than one worker, a plain
/// UTF-8 file larger than one part is not held but scanned and later read one part at a time (<see cref="FileParts"/>).
/// </summary>
public sealed class ManifestInputReader(TextReader stdin, AuditParallelism? parallelism = null)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];
    private const string StdinKey = "-";
    private readonly Dictionary<string, ManifestInput?> _read = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>Reads every input; throws <see cref="ManifestLoadException"/> naming each path that cannot be read.</summary>
    public IReadOnlyList<ManifestInput> Read(IEnumerable<string> paths)
    {
        var inputs = new List<ManifestInput>();
        var errors = new List<ManifestError>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == StdinKey)
            {
                List(StdinKey, listed, inputs, () =>
                    ReadBounded(stdin, ManifestInput.StdinName, errors) is { } text ? new ManifestInput(ManifestInput.StdinName, text) : null);
                if (TotalExceeded(errors))
                {
                    break;
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
                        List(Path.GetFullPath(file), listed, inputs, () => ReadFile(file, JoinDisplay(display, relative), errors));
                        if (TotalExceeded(errors))
                        {
                            break;
                        }
                    }
                }
                else if (File.Exists(path))
                {
                    List(Path.GetFullPath(path), listed, inputs, () => ReadFile(path, display, errors));
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
            if (TotalExceeded(errors))
            {
                break;
            }
        }
        if (errors.Count > 0)
        {
            throw new ManifestLoadException(errors);
        }
        return inputs;
    }

    /// <summary>Adds the input under <paramref name="key"/> once per call, reading it only the first time any call names it.</summary>
    private void List(string key, HashSet<string> listed, List<ManifestInput> inputs, Func<ManifestInput?> read)
    {
        if (!listed.Add(key))
        {
            return;
        }
        if (!_read.TryGetValue(key, out var input))
        {
            input = read();
            _read[key] = input;
        }
        if (input is not null)
        {
            inputs.Add(input);
        }
    }

    /// <summary>
    /// Reads one file within the caps: its size is checked before reading, and the read itself is bounded because
    /// a pipe or device reports no size and a file may grow meanwhile. Null after recording an error.
    /// </summary>
    private ManifestInput? ReadFile(string path, string display, List<ManifestError> errors)
    {
        var length = new FileInfo(path).Length;
        if (length > InputLimits.PerFileBytes)
        {
            errors.Add(OverFileLimit(display));
            return null;
        }
        if (_total + length > InputLimits.TotalBytes)
        {
            errors.Add(OverTotalLimit(display));
            _total = InputLimits.TotalBytes + 1;
            return null;
        }
        if (parallelism is { Workers: > 1 } split && length > split.ChunkChars)
        {
            // A file of several parts is an audit of many documents: the schemas compile on another core meanwhile.
            CrdSchemas.CompileInBackground();
            if (FileParts.Scan(path, display, split.ChunkChars, Remaining) is { } parts)
            {
                _total += parts.FileLength;
                return new ManifestInput(display, parts);
            }
        }
        // As bytes: a UTF-8 file is kept at its own size, not decoded into text twice as large (ManifestInput).
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var bytes = BoundedText.ReadBytes(stream, Remaining, length);
        if (bytes is null)
        {
            RecordOverLimit(display, errors);
            return null;
        }
        _total += bytes.Length;
        return ManifestInput.FromBytes(display, bytes);
    }

    /// <summary>What may still be read: the per-file cap, or what is left of the total.</summary>
    private long Remaining => Math.Min(InputLimits.PerFileBytes, InputLimits.TotalBytes - _total);

    private void RecordOverLimit(string display, List<ManifestError> errors)
    {
        var overFile = _total + InputLimits.PerFileBytes <= InputLimits.TotalBytes;
        errors.Add(overFile ? OverFileLimit(display) : OverTotalLimit(display));
        _total = overFile ? _total : InputLimits.TotalBytes + 1;
    }

    private string? ReadBounded(TextReader reader, string display, List<ManifestError> errors)
    {
        var text = BoundedText.Read(reader, Remaining);
        if (text is null)
        {
            RecordOverLimit(display, errors);
            return null;
        }
        _total += text.Length;
        return text;
    }

    /// <summary>Once the total cap is passed nothing more is read: the run fails anyway.</summary>
    private bool TotalExceeded(List<ManifestError> errors) => _total > InputLimits.TotalBytes && errors.Count > 0;

    private static ManifestError OverFileLimit(string display) =>
        new(display, null, $"larger than the {InputLimits.Describe(InputLimits.PerFileBytes)} limit per input file; nothing was read (split it, or audit the directory that holds its parts)");

    private static ManifestError OverTotalLimit(string display) =>
        new(display, null, $"the inputs exceed the {InputLimits.Describe(InputLimits.TotalBytes)} limit in total at this file; audit fewer files per run");

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
