using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using AiGuard.Operator.Runtime;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// ObjectTracker mirrors one resource from the sandbox the way an informer does (LIST, then WATCH from its
/// resourceVersion; re-watch when the stream closes, relist on 410), keeping a small projection of each object and
/// calling <see cref="Changed"/> with the time it saw each change. The benchmark measures convergence, heal time and
/// change-to-status latency with it instead of polling the server.
/// </summary>
internal sealed class ObjectTracker<T> : IAsyncDisposable
    where T : class
{
    private readonly HttpClient http;
    private readonly string path;
    private readonly Func<JsonElement, T> project;
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task loop = Task.CompletedTask;

    private ObjectTracker(HttpClient http, string path, Func<JsonElement, T> project)
    {
        this.http = http;
        this.path = path;
        this.project = project;
    }

    /// <summary>Called on the tracker's thread for every add, update (value) and delete (null), in watch order.</summary>
    public event Action<(string Namespace, string Name), T?>? Changed;

    public ConcurrentDictionary<(string Namespace, string Name), T> Objects { get; } = new();

    /// <summary>
    /// Starts tracking a collection path such as /apis/aiguard.io/v1alpha1/modeldeployments (optionally with
    /// ?labelSelector=) through <paramref name="http"/>, which the tracker owns and disposes.
    /// </summary>
    public static async Task<ObjectTracker<T>> StartAsync(HttpClient http, string path, Func<JsonElement, T> project)
    {
        var tracker = new ObjectTracker<T>(http, path, project);
        tracker.loop = Task.Run(tracker.RunAsync);
        await tracker.synced.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return tracker;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
        http.Dispose();
    }

    private async Task RunAsync()
    {
        string? version = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        while (!stop.IsCancellationRequested)
        {
            try
            {
                version ??= await RelistAsync();
                synced.TrySetResult();
                version = await WatchAsync(separator, version);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
            {
                await Task.Delay(200, stop.Token);
            }
        }
    }

    private async Task<string> RelistAsync()
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), stop.Token);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(stop.Token), cancellationToken: stop.Token);
        var seen = new HashSet<(string, string)>();
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var key = Key(item);
            seen.Add(key);
            Set(key, project(item));
        }

        foreach (var gone in Objects.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            Objects.TryRemove(gone, out _);
            Changed?.Invoke(gone, null);
        }

        return document.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
    }

    // Returns the resourceVersion to continue from, or null when the server said 410 (relist).
    private async Task<string?> WatchAsync(char separator, string version)
    {
        var uri = new Uri($"{path}{separator}watch=1&allowWatchBookmarks=true&resourceVersion={version}", UriKind.Relative);
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        if ((int)response.StatusCode == 410)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        // Lines are parsed where they stand in the stream's bytes: no UTF-16 string per event, the tracker shares the
        // cores with the processes it measures.
        string? current = version;
        var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(stop.Token));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(stop.Token);
                var buffer = read.Buffer;
                while (WatchLines.TryReadLine(ref buffer, out var line))
                {
                    if (WatchLines.IsBlank(line))
                    {
                        continue;
                    }

                    if (Ends(line, ref current))
                    {
                        return current;
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    return current;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    // Applies one watch event and moves version on; true when the watch must end (an ERROR; version null on a 410: relist).
    private bool Ends(ReadOnlySequence<byte> line, ref string? version)
    {
        using var document = JsonDocument.Parse(line);
        var type = document.RootElement.GetProperty("type").GetString();
        var item = document.RootElement.GetProperty("object");
        if (type == "ERROR")
        {
            version = item.TryGetProperty("code", out var code) && code.GetInt32() == 410 ? null : version;
            return true;
        }

        version = item.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
        if (type == "BOOKMARK")
        {
            return false;
        }

        var key = Key(item);
        if (type == "DELETED")
        {
            Objects.TryRemove(key, out _);
            Changed?.Invoke(key, null);
        }
        else
        {
            Set(key, project(item));
        }

        return false;
    }

    private void Set((string, string) key, T value)
    {
        Objects[key] = value;
        Changed?.Invoke(key, value);
    }

    private static (string Namespace, string Name) Key(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        return (metadata.TryGetProperty("namespace", out var ns) ? ns.GetString() ?? "" : "", metadata.GetProperty("name").GetString()!);
    }
}
