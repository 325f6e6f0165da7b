using System.Security.Cryptography;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// LeaderElectionOptions are the timings of <see cref="LeaderElection"/>, with client-go's defaults.
/// A standby takes over at most about LeaseDuration after the leader's last renewal; a leader that cannot renew
/// gives up after RenewDeadline, which is shorter, so two leaders never overlap.
/// </summary>
public sealed record LeaderElectionOptions
{
    /// <summary>How long a standby waits after it last saw the lease change before taking it over (default 15 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before it stops leading (default 10 s).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between acquire or renew attempts (default 2 s; standbys add up to 120 % jitter).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Release the lease (empty holder) when the run is cancelled, so a standby takes over at once (default true).</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>
    /// A unique candidate identity: the pod name (env <c>POD_NAME</c>, else the host name) plus a random suffix, so a
    /// restarted pod with the same name never mistakes the old holder's lease for its own.
    /// </summary>
    public static string NewIdentity()
    {
        var name = Environment.GetEnvironmentVariable("POD_NAME");
        if (string.IsNullOrWhiteSpace(name))
        {
            name = Environment.MachineName;
        }

        return $"{name}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
    }

    /// <summary>Throws when the timings cannot give safe leadership (client-go's checks).</summary>
    public void Validate()
    {
        if (RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"LeaderElectionOptions.RetryPeriod must be positive (got {RetryPeriod})");
        }

        if (RenewDeadline <= RetryPeriod * 1.2)
        {
            throw new ArgumentException($"LeaderElectionOptions.RenewDeadline ({RenewDeadline}) must exceed 1.2 x RetryPeriod ({RetryPeriod})");
        }

        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"LeaderElectionOptions.LeaseDuration ({LeaseDuration}) must exceed RenewDeadline ({RenewDeadline})");
        }
    }
}
