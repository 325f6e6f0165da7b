using System.Text;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Sealing;
using AiGuard.Sealing;
using k8s.Models;

namespace AiGuard.Operator.Tests.Sealing;

[Collection(SealingKeysCollection.Name)]
public sealed class SealedDataVerifierTests(SealingTestKeys keys)
{
    private const string Canary = "canary-7f3c1d-do-not-print";
    private static readonly SealingScope Here = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Opens_a_value_sealed_for_its_location()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Cluster, Canary, Here);

        var verdict = verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text);

        Assert.True(verdict.Opens);
        Assert.Equal(keys.Cluster.KeyId, verdict.KeyId);
        Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "token", text, out var value));
        Assert.Equal(Canary, Encoding.UTF8.GetString(value));
    }

    [Fact]
    public void Opens_a_namespace_wide_value_under_any_model_of_its_namespace()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Cluster, Canary, SealingScope.NamespaceWide("ml-prod"));

        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text).Opens);
        Assert.True(verifier.Verify("ml-prod", "other-model", "db", "password", text).Opens);
        Assert.StartsWith("sealed for another scope", verifier.Verify("ml-dev", "fraud-scorer", "registry-token", "token", text).Problem);
    }

    [Fact]
    public void Reports_an_unknown_key_by_its_id()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Other, Canary, Here);

        var verdict = verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text);

        Assert.False(verdict.Opens);
        Assert.Equal(keys.Other.KeyId, verdict.KeyId);
        Assert.StartsWith($"unknown sealing key {keys.Other.KeyId}", verdict.Problem);
        Assert.Contains(keys.Cluster.KeyId, verdict.Problem); // names the keys that are held
    }

    [Theory]
    [InlineData("ml-dev", "fraud-scorer", "registry-token")]
    [InlineData("ml-prod", "other-model", "registry-token")]
    [InlineData("ml-prod", "fraud-scorer", "db-password")]
    public void Reports_a_value_moved_to_another_scope(string ns, string model, string secret)
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Cluster, Canary, Here);

        var verdict = verifier.Verify(ns, model, secret, "token", text);

        Assert.False(verdict.Opens);
        Assert.Equal(keys.Cluster.KeyId, verdict.KeyId);
        Assert.StartsWith("sealed for another scope", verdict.Problem);
        Assert.Contains($"{ns}/{model}/{secret}", verdict.Problem);
    }

    [Fact]
    public void Reports_a_tampered_value()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Cluster, Canary, Here);
        // Change a character in the middle of the ciphertext region (well past header and wrapped key).
        var at = text.Length - 30;
        var tampered = string.Concat(text.AsSpan(0, at), text[at] == 'A' ? "B" : "A", text.AsSpan(at + 1));

        var verdict = verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", tampered);

        Assert.False(verdict.Opens);
        Assert.StartsWith("tampered", verdict.Problem);
        Assert.Equal(keys.Cluster.KeyId, verdict.KeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("AGS1!!!!")]
    [InlineData("AGS1AAAA")]
    public void Reports_malformed_text_without_echoing_it(string text)
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);

        var verdict = verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text);

        Assert.False(verdict.Opens);
        Assert.StartsWith("malformed", verdict.Problem);
        Assert.Null(verdict.KeyId);
        if (text.Length > 0)
        {
            Assert.DoesNotContain(text, verdict.Problem);
        }
    }

    [Fact]
    public void Reports_a_newer_envelope_version_as_unsupported()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verdict = new SealedDataVerifier(ring).Verify("ml-prod", "fraud-scorer", "registry-token", "token", "AGS2AAAAAAAA");

        Assert.StartsWith("unsupported envelope version", verdict.Problem);
    }

    [Fact]
    public void Verdicts_never_contain_the_plaintext()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var good = SealingTestKeys.Seal(keys.Cluster, Canary, Here);
        var texts = new[]
        {
            good,
            SealingTestKeys.Seal(keys.Other, Canary, Here),
            string.Concat(good.AsSpan(0, good.Length - 5), "AAAAA"),
            SealingTestKeys.Seal(keys.Cluster, Canary, SealingScope.Strict("ml-dev", "fraud-scorer", "registry-token")),
        };

        foreach (var text in texts)
        {
            var verdict = verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text);
            Assert.DoesNotContain(Canary, verdict.Problem ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_value_checked_again_is_answered_from_the_cache()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var good = SealingTestKeys.Seal(keys.Cluster, Canary, Here);
        var foreign = SealingTestKeys.Seal(keys.Other, Canary, Here);

        for (var round = 0; round < 3; round++)
        {
            Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", good).Opens);
            Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "token", good, out _));
            Assert.False(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", foreign).Opens);
        }

        Assert.Equal(2, verifier.Unseals);
        Assert.Equal(2, verifier.CachedResults);
    }

    [Fact]
    public void The_same_text_at_another_location_is_checked_on_its_own()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Cluster, Canary, Here);

        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text).Opens);
        Assert.False(verifier.Verify("ml-prod", "fraud-scorer", "other-secret", "token", text).Opens);

        Assert.Equal(2, verifier.Unseals);
    }

    [Fact]
    public void Opened_bytes_are_copies_the_caller_may_wipe()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Cluster, Canary, Here);

        Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "token", text, out var first));
        Array.Clear(first);
        Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "token", text, out var second));

        Assert.Equal(Canary, Encoding.UTF8.GetString(second));
        Assert.Equal(1, verifier.Unseals);
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity_and_drops_the_least_recently_used()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring, capacity: 2);
        var a = SealingTestKeys.Seal(keys.Cluster, "a", Here);
        var b = SealingTestKeys.Seal(keys.Cluster, "b", Here);
        var c = SealingTestKeys.Seal(keys.Cluster, "c", Here);

        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", a);
        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", b);
        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", a); // a is now the most recent
        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", c); // evicts b
        Assert.Equal(3, verifier.Unseals);
        Assert.Equal(2, verifier.CachedResults);

        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", a);
        Assert.Equal(3, verifier.Unseals);
        Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "k", b, out var reopened));
        Assert.Equal("b", Encoding.UTF8.GetString(reopened));
        Assert.Equal(4, verifier.Unseals);
    }

    [Fact]
    public void The_byte_budget_bounds_remembered_plaintexts()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring, capacity: 100, maxCachedBytes: 10);
        var small = SealingTestKeys.Seal(keys.Cluster, "12345678", Here);
        var large = SealingTestKeys.Seal(keys.Cluster, "0123456789abcdef", Here);

        Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "k", large, out var opened));
        Assert.Equal("0123456789abcdef", Encoding.UTF8.GetString(opened));
        Assert.Equal(0, verifier.CachedResults);
        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", small);
        verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "k", small);
        Assert.Equal(1, verifier.CachedResults);
        Assert.Equal(2, verifier.Unseals);
    }

    [Fact]
    public void An_unknown_key_failure_is_retried_once_the_ring_gains_the_key()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        var text = SealingTestKeys.Seal(keys.Other, Canary, Here);
        Assert.False(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text).Opens);

        ring.Add(SealingKeyPair.FromPem(keys.Other.ExportCertificatePem(), keys.Other.ExportPrivateKeyPem()));

        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text).Opens);
        Assert.Equal(2, verifier.Unseals);
    }

    [Fact]
    public void Values_of_a_key_removed_from_the_ring_no_longer_open()
    {
        var current = SealingTestKeys.RingOf(keys.Cluster, keys.Other);
        var verifier = new SealedDataVerifier(() => current);
        var byOther = SealingTestKeys.Seal(keys.Other, Canary, Here);
        var byCluster = SealingTestKeys.Seal(keys.Cluster, "kept", Here);
        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", byOther).Opens);
        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", byCluster).Opens);
        var old = current;

        current = SealingTestKeys.RingOf(keys.Cluster);

        var verdict = verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", byOther);
        Assert.StartsWith($"unknown sealing key {keys.Other.KeyId}", verdict.Problem);
        Assert.False(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "token", byOther, out _));
        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", byCluster).Opens);
        Assert.Equal(3, verifier.Unseals); // only the removed key's value was looked at again
        old.Dispose();
        current.Dispose();
    }

    [Fact]
    public void Opened_secrets_hold_only_secrets_whose_keys_all_open_in_the_planner_shape()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verifier = new SealedDataVerifier(ring);
        SealingScope At(string secret) => SealingScope.Strict("ml-prod", "fraud-scorer", secret);
        var model = new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = "fraud-scorer", NamespaceProperty = "ml-prod" },
            Spec = new ModelDeploymentSpec
            {
                Secrets =
                [
                    new SecretSpec
                    {
                        Name = "db",
                        SealedData = new() { ["user"] = SealingTestKeys.Seal(keys.Cluster, "scorer", At("db")), ["password"] = SealingTestKeys.Seal(keys.Cluster, Canary, At("db")) },
                    },
                    new SecretSpec
                    {
                        Name = "half-open",
                        SealedData = new() { ["good"] = SealingTestKeys.Seal(keys.Cluster, "x", At("half-open")), ["foreign"] = SealingTestKeys.Seal(keys.Other, "y", At("half-open")) },
                    },
                    new SecretSpec { Name = "moved", SealedData = new() { ["token"] = SealingTestKeys.Seal(keys.Cluster, "z", At("db")) } },
                    new SecretSpec { Name = "existing", ExistingSecret = "db-creds" },
                ],
            },
        };

        IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> opened = verifier.OpenSecrets(model);

        Assert.Equal(["db"], opened.Keys);
        Assert.Equal("scorer", Encoding.UTF8.GetString(opened["db"]["user"]));
        Assert.Equal(Canary, Encoding.UTF8.GetString(opened["db"]["password"]));
        Assert.Equal(2, opened["db"].Count);
    }

    [Fact]
    public void A_location_that_is_not_a_valid_scope_gets_a_verdict_not_an_exception()
    {
        using var ring = SealingTestKeys.RingOf(keys.Cluster);
        var verdict = new SealedDataVerifier(ring).Verify("ml-prod", "Fraud_Scorer", "registry-token", "token", "AGS1AAAA");

        Assert.False(verdict.Opens);
        Assert.Contains("not a DNS label", verdict.Problem);
    }
}
