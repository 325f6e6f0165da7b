namespace AiGuard.Cli.Audit;

/// <summary>
/// AuditParallelism says how many threads check the documents of a large input and in what parts the input is cut
/// (<see cref="Yaml.YamlChunks"/>). The results do not depend on it: documents are applied in input order.
/// </summary>
/// <param name="Workers">Threads that parse and check parts; 1 reads every input in place on the calling thread.</param>
/// <param name="ChunkChars">The least size of a part; an input no larger is read in place.</param>
public sealed record AuditParallelism(int Workers, int ChunkChars)
{
    /// <summary>One worker per core, in parts of 32 KiB: small enough to keep both cores busy, large enough to be cheap to hand over.</summary>
    public static AuditParallelism Default { get; } = new(Math.Max(1, Environment.ProcessorCount), 32 * 1024);

    /// <summary>Everything on the calling thread, in place.</summary>
    public static AuditParallelism Sequential { get; } = new(1, int.MaxValue);
}
