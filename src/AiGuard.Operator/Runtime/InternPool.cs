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

            return Keep(_previous.TryGetValue(value, out var older) ? older : value);
        }
    }

    /// <summary>
    /// The pooled instance equal to <paramref name="key"/>, another form of the value the pool's comparer can compare (the
    /// characters of a string, say); <paramref name="create"/> makes the value only when the pool has none, so a value
    /// already pooled costs no new instance.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pool's comparer cannot compare <typeparamref name="TAlternate"/>.</exception>
    public T Intern<TAlternate>(TAlternate key, Func<TAlternate, T> create)
        where TAlternate : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            if (_current.GetAlternateLookup<TAlternate>().TryGetValue(key, out var pooled))
            {
                return pooled;
            }

            return Keep(_previous.GetAlternateLookup<TAlternate>().TryGetValue(key, out var older) ? older : create(key));
        }
    }

    // Adds value to the current generation, starting a new one when it is full. Called under the gate.
    private T Keep(T value)
    {
        if (_current.Count >= GenerationSize)
        {
            _previous = _current;
            _current = new HashSet<T>(_comparer);
        }

        _current.Add(value);
        return value;
    }
}
