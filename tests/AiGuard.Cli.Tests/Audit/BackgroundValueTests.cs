using AiGuard.Cli.Audit.Schema;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>The schemas compile on one thread of their own, however many large files ask for it.</summary>
public sealed class BackgroundValueTests
{
    [Fact]
    public void Many_asks_before_the_value_is_ready_start_one_thread_that_computes_it()
    {
        using var release = new ManualResetEventSlim();
        string? computedOn = null;
        var value = new Lazy<int>(() =>
        {
            computedOn = Thread.CurrentThread.Name;
            release.Wait(TimeSpan.FromMinutes(1));
            return 42;
        });
        var background = new BackgroundValue<int>(value, "test value");

        // A thousand large files read while the value is computed: one thread, not one per file.
        var started = Enumerable.Range(0, 1000).AsParallel().Count(_ => background.Start());
        release.Set();

        Assert.Equal(1, started);
        Assert.Equal(42, value.Value);
        Assert.Equal("test value", computedOn);
        Assert.False(background.Start());
    }

    [Fact]
    public void A_failure_is_thrown_to_the_reader_not_on_the_background_thread()
    {
        // An exception escaping a thread ends the process: the thread keeps it in the lazy value instead.
        var value = new Lazy<int>(() => throw new InvalidDataException("schema broken"));
        var background = new BackgroundValue<int>(value, "test value");

        Assert.True(background.Start());

        var error = Assert.Throws<InvalidDataException>(() => value.Value);
        Assert.Equal("schema broken", error.Message);
    }
}
