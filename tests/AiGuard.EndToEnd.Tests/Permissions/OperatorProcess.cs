using System.Diagnostics;

namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>
/// <c>aiguard operator</c> as a separate process (the test assembly's build of the CLI), with exactly the arguments
/// and environment it is given and no credentials but its kubeconfig: nothing of the test process leaks into it.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private OperatorProcess(Process process)
    {
        _process = process;
        _output = ProcessOutput.Of(process);
    }

    /// <summary>Everything the operator printed so far (stdout and stderr interleaved).</summary>
    public string Output => _output.Text;

    public bool HasExited => _process.HasExited;

    public static OperatorProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aiguard.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The operator reads AIGUARD_* and KUBECONFIG; only the ones given here may reach it.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AIGUARD_", StringComparison.Ordinal) || k is "KUBECONFIG" or "POD_NAME").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.Start();
        return new OperatorProcess(process);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
