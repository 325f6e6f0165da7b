using Microsoft.Extensions.Logging;

namespace AiGuard.Testing;

/// <summary>
/// RecordingLogger keeps every formatted message, to check what the code under test tells an admin and, as much, what
/// it keeps out of its logs (secret values, payloads).
/// </summary>
/// <typeparam name="T">The category, as <see cref="ILogger{TCategoryName}"/> has it.</typeparam>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<string> _messages = [];

    /// <summary>The messages logged so far, formatted, in order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_messages)
        {
            _messages.Add(formatter(state, exception));
        }
    }
}
