namespace AiGuard.Operator.Runtime;

/// <summary>
/// InternPool hands out one shared instance per distinct value, so the thousands of cached objects that repeat the
/// same label keys, namespaces, owner names, images, condition messages and label sets hold one copy each instead of
/// one per object. It is bounded: it keeps two generations of at most <see cref="GenerationSize"/> values, a value
/// looked up again moves to the current generation, and one not looked up during a whole generation is forgotten (the
/// objects holding it keep it; only later copies stop sharing it), so values of deleted objects do not accumulate.
/// Only immutable values may be pooled: every holder shares the instance. Thread-safe.
/// </summary>
public sealed class InternPool<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly IEqualityComparer<T> _comparer;
    private HashSet<T> _current;
    private HashSet<T> _previous;

    /// <summary>Creates a pool whose generations hold at most <paramref name="generationSize"/> values.</summary>
    public InternPool(IEqualityComparer<T>? comparer = null, int generationSize = 32_768)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generationSize, 1);
        _comparer = comparer ?? EqualityComparer<T>.Default;
        GenerationSize = generationSize;
        _current = new HashSet<T>(_comparer);
        _previous = new HashSet<T>(_comparer);
    }

    /// <summary>Most values one generation holds.</summary>
    public int GenerationSize { get; }

    /// <summary>Number of values the pool holds now (both generations).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    /// <summary>The pooled instance equal to <paramref name="value"/>; <paramref name="value"/> itself when it is new.</summary>
    public T Intern(T value)
    {
        lock (_gate)
        {
            if (_current.TryGetValue(value, out var pooled))
            {
                return pooled;
            }

            if (_previous.TryGetValue(value, out var older))
            {
                value = older;
            }

            if (_current.Count >= GenerationSize)
            {
                _previous = _current;
                _current = new HashSet<T>(_comparer);
            }

            _current.Add(value);
            return value;
        }
    }
}
