using AiGuard.Operator.Runtime;
using AiGuard.Operator.Sealing;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// SealingKeyMaintenance keeps the sealing key ring current: every replica reloads the key Secrets periodically (so a
/// standby can open values sealed with a key the leader created), and the leader alone creates and renews keys and
/// publishes the certificate (<see cref="SealingKeyStore.EnsureKeysAsync"/>), again whenever the next renewal is due.
/// </summary>
public sealed class SealingKeyMaintenance(SealingKeyStore store, TimeProvider time, ILogger<SealingKeyMaintenance> logger)
{
    // A failing API server is retried quickly at first, then at most once a minute.
    private static readonly TimeSpan RetryMin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryMax = TimeSpan.FromMinutes(1);

    // Even with a far-off renewal, look again hourly: someone may have deleted the active key's Secret.
    private static readonly TimeSpan EnsureAtMost = TimeSpan.FromHours(1);

    /// <summary>The key store maintained.</summary>
    public SealingKeyStore Store => store;

    /// <summary>
    /// Loads the key Secrets once, retrying until it succeeds or <paramref name="timeout"/> passes. The leader calls
    /// it before starting workers so the first reconciles can open values sealed with an existing key; creating a
    /// missing key is left to <see cref="RenewWhileLeadingAsync"/> in the background, since no value can have been
    /// sealed for a key that does not exist yet.
    /// </summary>
    public async Task<bool> LoadOnceAsync(TimeSpan timeout, CancellationToken leadership)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(leadership, deadline.Token);
        var backoff = new RetryBackoff(RetryMin, RetryMax);
        while (!linked.IsCancellationRequested)
        {
            try
            {
                await store.ReloadAsync(linked.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not load the sealing keys from namespace {Namespace}: {Reason}", store.Namespace, e.Message);
            }

            if (!await DelayAsync(backoff.Next(), linked.Token).ConfigureAwait(false))
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Leader only: renews keys whenever due until <paramref name="leadership"/> ends.</summary>
    public async Task RenewWhileLeadingAsync(CancellationToken leadership)
    {
        var backoff = new RetryBackoff(RetryMin, RetryMax);
        while (!leadership.IsCancellationRequested)
        {
            var ensured = await TryEnsureAsync(leadership).ConfigureAwait(false);
            TimeSpan wait;
            if (ensured is null)
            {
                wait = backoff.Next();
            }
            else
            {
                backoff.Reset();
                var untilRenewal = ensured.NextRenewal - time.GetUtcNow();
                wait = untilRenewal < RetryMin ? RetryMin : untilRenewal > EnsureAtMost ? EnsureAtMost : untilRenewal;
            }

            if (!await DelayAsync(wait, leadership).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Every replica: reloads the key Secrets every <paramref name="interval"/> until cancelled.</summary>
    public async Task ReloadPeriodicallyAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        do
        {
            try
            {
                await store.ReloadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not load the sealing keys from namespace {Namespace}: {Reason}; retrying in {Interval}",
                    store.Namespace, e.Message, interval);
            }
        }
        while (await DelayAsync(interval, cancellationToken).ConfigureAwait(false));
    }

    private async Task<SealingKeysEnsured?> TryEnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Generating an RSA-4096 key cannot be interrupted and may take seconds on a busy node: stop waiting when
            // leadership ends (the abandoned attempt then fails its Secret create on the cancelled token, harmlessly).
            var ensured = await store.EnsureKeysAsync(time.GetUtcNow(), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Sealing key {KeyId} is active; next renewal {NextRenewal:u}", ensured.ActiveKeyId, ensured.NextRenewal);
            return ensured;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            // The message names the namespace or the failing request; it never holds key material.
            logger.LogWarning("Could not ensure the sealing keys in namespace {Namespace}: {Reason}", store.Namespace, e.Message);
            return null;
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
