using System.Diagnostics;
using Xunit.Abstractions;

namespace AiGuard.Sealing.Tests;

/// <summary>Reports (does not assert) how long sealing and unsealing a 1 KiB value takes with RSA-4096.</summary>
[Collection(SealingKeysCollection.Name)]
public sealed class SealingSpeedTests(SealingKeys keys, ITestOutputHelper output)
{
    [Fact]
    public void Reports_seal_and_unseal_time_of_a_1_KiB_value()
    {
        const int Rounds = 200;
        var scope = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");
        var value = new byte[1024];
        Random.Shared.NextBytes(value);
        var sealedText = keys.Sealer.Seal(value, scope);
        keys.Unsealer.Unseal(sealedText, scope); // warm up

        var seal = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            sealedText = keys.Sealer.Seal(value, scope);
        }

        seal.Stop();
        var unseal = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            Assert.Equal(1024, keys.Unsealer.Unseal(sealedText, scope).Length);
        }

        unseal.Stop();
        output.WriteLine(
            $"1 KiB value, RSA-4096, {Rounds} rounds: seal {seal.Elapsed.TotalMilliseconds / Rounds:F3} ms/op, " +
            $"unseal {unseal.Elapsed.TotalMilliseconds / Rounds:F3} ms/op, sealed text {sealedText.Length} chars");
    }
}
