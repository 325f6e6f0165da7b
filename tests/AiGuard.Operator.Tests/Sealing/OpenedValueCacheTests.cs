using AiGuard.Engine;
using AiGuard.Operator.Sealing;
using AiGuard.Sealing;

namespace AiGuard.Operator.Tests.Sealing;

public sealed class OpenedValueCacheTests
{
    private static readonly OpenedValueCache.CacheKey Key =
        OpenedValueCache.KeyFor(SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token"), "AGS1-sealed-text");

    [Fact]
    public void Keeps_a_result_computed_in_the_current_epoch()
    {
        var cache = new OpenedValueCache(16, 1024);
        var epoch = cache.Epoch;

        cache.Add(Key, Opened([1, 2, 3]), copyValue: false, epoch);

        Assert.True(cache.TryGet(Key, copyValue: true, out var found));
        Assert.Equal([1, 2, 3], found.Value);
    }

    [Fact]
    public void Does_not_keep_an_unknown_key_failure_computed_before_the_ring_changed()
    {
        // A worker starts unsealing with the old ring; meanwhile a new key arrives and the verifier forgets
        // unknown-key failures. The worker's late failure must not be cached, or the value would never open.
        var cache = new OpenedValueCache(16, 1024);
        var epoch = cache.Epoch;
        cache.RemoveWhere(entry => entry.Failure == SealingFailure.UnknownKey);

        var result = cache.Add(Key, new OpenedValueCache.Entry(new SealedDataVerdict("k-00000001", "unknown sealing key"), null, SealingFailure.UnknownKey), copyValue: false, epoch);

        Assert.False(result.Verdict.Opens);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(Key, copyValue: false, out _));
    }

    [Fact]
    public void Hands_back_but_wipes_a_plaintext_computed_before_a_removal()
    {
        var cache = new OpenedValueCache(16, 1024);
        var epoch = cache.Epoch;
        cache.RemoveWhere(_ => true);
        var plaintext = new byte[] { 7, 7, 7 };

        var result = cache.Add(Key, Opened(plaintext), copyValue: true, epoch);

        Assert.Equal([7, 7, 7], result.Value);
        Assert.Equal([0, 0, 0], plaintext);
        Assert.Equal(0, cache.OpenedBytes);
    }

    private static OpenedValueCache.Entry Opened(byte[] value) => new(new SealedDataVerdict("k-00000001", null), value, null);
}
