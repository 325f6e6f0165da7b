namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// SettledModels counts which of a set of models show their expected phase for their generation, kept up to date by
/// the tracker's change events instead of a scan of every model per poll: a 20 ms scan of 10,000 models cost the
/// benchmark several CPU-seconds of the two cores the operator and the sandbox it measures run on.
/// </summary>
internal sealed class SettledModels : IDisposable
{
    private readonly ObjectTracker<ModelState> tracker;
    private readonly Dictionary<(string Namespace, string Name), string> expected;
    private readonly HashSet<(string Namespace, string Name)> settled = [];
    private readonly Lock gate = new();

    /// <summary>Starts counting models <paramref name="from"/>..from+count-1 with the phases <paramref name="phase"/> gives.</summary>
    public SettledModels(ObjectTracker<ModelState> tracker, int from, int count, Func<int, string> phase)
    {
        this.tracker = tracker;
        expected = Enumerable.Range(from, count).ToDictionary(i => (BenchFleet.Namespace(i), BenchFleet.Name(i)), phase);
        tracker.Changed += OnChanged;
        // Read under the lock: a change the tracker stores after this read reaches OnChanged after it.
        lock (gate)
        {
            foreach (var key in expected.Keys)
            {
                Update(key, tracker.Objects.GetValueOrDefault(key));
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return settled.Count;
            }
        }
    }

    public void Dispose() => tracker.Changed -= OnChanged;

    private void OnChanged((string Namespace, string Name) key, ModelState? state)
    {
        lock (gate)
        {
            Update(key, state);
        }
    }

    private void Update((string Namespace, string Name) key, ModelState? state)
    {
        if (!expected.TryGetValue(key, out var phase))
        {
            return;
        }

        if (state is not null && state.IsSettled(phase))
        {
            settled.Add(key);
        }
        else
        {
            settled.Remove(key);
        }
    }
}
