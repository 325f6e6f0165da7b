using System.Text;

namespace AiGuard.Sealing.Tests;

[Collection(SealingKeysCollection.Name)]
public sealed class KeyRingTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Opens_values_sealed_with_the_older_key_after_renewal()
    {
        var beforeRenewal = keys.OlderSealer.Seal("old-secret"u8, Location);
        var afterRenewal = keys.Sealer.Seal("new-secret"u8, Location);
        using var ring = new KeyRing([keys.Older(), keys.Current()]);
        var unsealer = new Unsealer(ring);

        Assert.Equal("old-secret", Encoding.UTF8.GetString(unsealer.Unseal(beforeRenewal, Location)));
        Assert.Equal("new-secret", Encoding.UTF8.GetString(unsealer.Unseal(afterRenewal, Location)));
        Assert.NotEqual(SealedValue.Parse(beforeRenewal).KeyId, SealedValue.Parse(afterRenewal).KeyId);
    }

    [Fact]
    public void Active_key_is_the_newest_whatever_the_order_of_adding()
    {
        using var ring = new KeyRing([keys.Current(), keys.Older()]);

        Assert.Equal(keys.Sealer.KeyId, ring.Active!.KeyId);
        Assert.Equal([keys.Sealer.KeyId, keys.OlderSealer.KeyId], ring.Keys.Select(k => k.KeyId));
    }

    [Fact]
    public void Refuses_value_sealed_with_a_key_the_ring_does_not_hold_naming_both_ids()
    {
        var sealedText = keys.OlderSealer.Seal("v"u8, Location);
        using var ring = new KeyRing([keys.Current()]);

        var error = Assert.Throws<SealingException>(() => new Unsealer(ring).Unseal(sealedText, Location));

        Assert.Equal(SealingFailure.UnknownKey, error.Reason);
        Assert.Equal(keys.OlderSealer.KeyId, error.KeyId);
        Assert.Contains($"sealed with key {keys.OlderSealer.KeyId}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"held: {keys.Sealer.KeyId}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_ring_refuses_every_value_and_is_due_for_a_key()
    {
        using var ring = new KeyRing();

        Assert.Null(ring.Active);
        Assert.True(ring.RenewalDue(SealingKeys.Now));
        Assert.Null(ring.NextRenewal());
        Assert.Equal(SealingFailure.UnknownKey, Assert.Throws<SealingException>(() => new Unsealer(ring).Unseal(keys.Sealer.Seal("v"u8, Location), Location)).Reason);
    }

    [Fact]
    public void Renewal_is_due_30_days_after_the_active_key_by_default()
    {
        using var ring = new KeyRing([keys.Current()]);
        var created = ring.Active!.NotBefore;

        Assert.Equal(created + TimeSpan.FromDays(30), ring.NextRenewal());
        Assert.False(ring.RenewalDue(created + TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1)));
        Assert.True(ring.RenewalDue(created + TimeSpan.FromDays(30)));
    }

    [Fact]
    public void Renewal_interval_is_configurable()
    {
        using var ring = new KeyRing([keys.Current()]);
        var created = ring.Active!.NotBefore;

        Assert.False(ring.RenewalDue(created + TimeSpan.FromDays(6), TimeSpan.FromDays(7)));
        Assert.True(ring.RenewalDue(created + TimeSpan.FromDays(7), TimeSpan.FromDays(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.RenewalDue(created, TimeSpan.Zero));
    }

    [Fact]
    public void Renewal_is_due_at_certificate_expiry_when_that_comes_first()
    {
        using var ring = new KeyRing([keys.Current()]);
        var active = ring.Active!;

        // The shared keys live two years, so an interval of ten years makes expiry come first.
        Assert.Equal(active.NotAfter, ring.NextRenewal(TimeSpan.FromDays(3650)));
        Assert.False(ring.RenewalDue(active.NotAfter - TimeSpan.FromSeconds(1), TimeSpan.FromDays(3650)));
        Assert.True(ring.RenewalDue(active.NotAfter, TimeSpan.FromDays(3650)));
    }

    [Fact]
    public void Adding_the_same_key_twice_keeps_one()
    {
        using var ring = new KeyRing([keys.Current()]);

        Assert.False(ring.Add(keys.Current()));
        Assert.Single(ring.Keys);
        Assert.True(ring.Add(keys.Older()));
        Assert.Equal(2, ring.Keys.Count);
    }

    [Fact]
    public async Task Opens_values_from_parallel_workers_while_a_renewal_adds_a_key()
    {
        var sealedValues = Enumerable.Range(0, 16).Select(i => (i, keys.OlderSealer.Seal(Encoding.UTF8.GetBytes($"value-{i}"), Location))).ToArray();
        using var ring = new KeyRing([keys.Older()]);
        var unsealer = new Unsealer(ring);

        var adder = Task.Run(() => ring.Add(keys.Current()));
        Parallel.ForEach(sealedValues, new ParallelOptions { MaxDegreeOfParallelism = 4 }, item =>
            Assert.Equal($"value-{item.i}", Encoding.UTF8.GetString(unsealer.Unseal(item.Item2, Location))));
        Assert.True(await adder.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(keys.Sealer.KeyId, ring.Active!.KeyId);
    }
}
