using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// ChildProcess is one <c>dotnet aiguard.dll ...</c> the suite started. It keeps the last lines of its output for
/// error reports, reads its resident set from /proc, and is killed when the benchmark ends however it ends
/// (return, exception, Ctrl-C, SIGTERM): every live child is in one registry that the exit handlers sweep.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private static readonly ConcurrentDictionary<int, ChildProcess> Live = new();
    private static int handlersInstalled;
    private static PosixSignalRegistration? sigterm;
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private ChildProcess(Process process, string label)
    {
        this.process = process;
        Label = label;
    }

    public string Label { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static ChildProcess Start(string label, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        InstallExitHandlers();
        var launch = CliLocator.Launch(dll);
        var start = new ProcessStartInfo(launch[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in launch.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process, label);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Live[process.Id] = child;
        return child;
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status in bytes; 0 once the process is gone.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Exited between the check and the read.
        }

        return 0;
    }

    /// <summary>The last lines the process printed (stdout and stderr interleaved), for a failure report.</summary>
    public string Tail(int count = 20) => string.Join(Environment.NewLine, lines.TakeLast(count).Select(l => $"    [{Label}] {l}"));

    /// <summary>SIGKILL: the process gets no chance to release anything (the leader failover case).</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        Live.TryRemove(process.Id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        while (lines.Count > KeptLines && lines.TryDequeue(out _))
        {
        }
    }

    private static void InstallExitHandlers()
    {
        if (Interlocked.Exchange(ref handlersInstalled, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll());
    }

    private static void KillAll()
    {
        foreach (var child in Live.Values)
        {
            try
            {
                child.process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
