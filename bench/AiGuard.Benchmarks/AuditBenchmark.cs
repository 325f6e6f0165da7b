using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiGuard.Cli.Audit;

namespace AiGuard.Benchmarks;

/// <summary>
/// AuditBenchmark measures <c>aiguard audit</c> end to end on one generated file of N ModelDeployments (default
/// 10,000) shaped like config/samples, plus a GuardPolicy, a GuardException and the Namespaces they select: read,
/// parse, schema check, evaluate and render the JSON report. It prints models/s, wall time, and the peak resident
/// set during the run against the input size. Options: [N, default 10000] [--compact: ~480 B per model, the shape of
/// issue 11's 4.8 MB file, instead of ~1.3 KB] [--keep DIR: leave the generated file there, to time the real
/// <c>aiguard audit</c> process with its own GC settings] [--workers N: threads that check documents, 1 = in place]
/// [--warmup N: audit the 200-model warm-up file N times, default 1; more lets tiered compilation finish before the
/// measured run, so that the RSS growth counts less of the JIT's code and more of the file, while the warm-up's own
/// heap stays that of 200 models].
/// </summary>
internal static class AuditBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && !args[0].StartsWith('-') ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var compact = args.Contains("--compact");
        var keepIndex = Array.IndexOf(args, "--keep");
        var keep = keepIndex >= 0 && keepIndex + 1 < args.Length ? args[keepIndex + 1] : null;
        var workersIndex = Array.IndexOf(args, "--workers");
        var parallelism = workersIndex >= 0 && workersIndex + 1 < args.Length
            ? AuditParallelism.Default with { Workers = int.Parse(args[workersIndex + 1], CultureInfo.InvariantCulture) }
            : AuditParallelism.Default;
        var chunkIndex = Array.IndexOf(args, "--chunk");
        parallelism = chunkIndex >= 0 && chunkIndex + 1 < args.Length
            ? parallelism with { ChunkChars = int.Parse(args[chunkIndex + 1], CultureInfo.InvariantCulture) }
            : parallelism;
        var directory = Directory.CreateTempSubdirectory("aiguard-audit-bench-");
        try
        {
            var warmup = Path.Combine(directory.FullName, "warmup.yaml");
            var warmupIndex = Array.IndexOf(args, "--warmup");
            var warmupRuns = warmupIndex >= 0 && warmupIndex + 1 < args.Length ? int.Parse(args[warmupIndex + 1], CultureInfo.InvariantCulture) : 1;
            File.WriteAllText(warmup, Manifests(200, compact));
            var file = Path.Combine(directory.FullName, "models.yaml");
            File.WriteAllText(file, Manifests(count, compact));
            if (keep is not null)
            {
                Directory.CreateDirectory(keep);
                File.Copy(file, Path.Combine(keep, compact ? "models-compact.yaml" : "models.yaml"), overwrite: true);
            }
            var inputBytes = new FileInfo(file).Length;

            // JIT, the compiled CRD schemas and CEL programs are one-time costs of the process, not of the file.
            for (var run = 0; run < warmupRuns; run++)
            {
                Audit(warmup, parallelism, out _);
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = ResidentSet.Current();
            ResidentSet.ResetPeak();

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var callerBefore = CallerCpu.Seconds();
            int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var pauseBefore = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            var exit = Audit(file, parallelism, out var reportBytes);
            watch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var caller = CallerCpu.Seconds() - callerBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;
            var collections = $"{GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2]}";
            var peak = ResidentSet.Peak();

            var rate = count / watch.Elapsed.TotalSeconds;
            var growth = peak - baseline;
            Console.WriteLine($"audit: {count} ModelDeployments, {Mib(inputBytes)} of YAML, exit code {exit}, {Mib(reportBytes)} JSON report");
            Console.WriteLine($"audit: {watch.Elapsed.TotalSeconds:F2} s wall, {rate:F0} ModelDeployments/s   target >= 5000: {(rate >= 5000 ? "met" : "NOT met")}");
            // On a shared machine wall time includes waiting for a core; CPU time says what the run itself costs.
            Console.WriteLine($"audit: {cpu.TotalSeconds:F2} s CPU ({count / cpu.TotalSeconds:F0} ModelDeployments per CPU-second, {Environment.ProcessorCount} cores, {parallelism.Workers} workers)");
            // On an idle machine the wall time is at least the larger of these: what the caller's thread did alone
            // (applying, evaluating, rendering) and the whole CPU time shared by the cores.
            var bound = Math.Max(caller, cpu.TotalSeconds / Environment.ProcessorCount);
            Console.WriteLine($"audit: {caller:F2} s CPU on the calling thread; idle-machine wall bound max(caller, CPU/{Environment.ProcessorCount}) = {bound:F2} s = {count / bound:F0} ModelDeployments/s");
            Console.WriteLine($"audit: garbage collections gen0/1/2 {collections}, {pause.TotalSeconds:F2} s paused, {GC.GetGCMemoryInfo(GCKind.Any).Concurrent} concurrent last");
            Console.WriteLine($"audit: peak RSS {Mib(peak)} (process baseline {Mib(baseline)} after warm-up; growth {Mib(growth)} = {growth / (double)inputBytes:F2}x the input)   target growth <= 3x: {(growth <= 3 * inputBytes ? "met" : "NOT met")}");
            return Task.FromResult(exit is AuditExitCodes.Passed or AuditExitCodes.Failed ? 0 : 1);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int Audit(string path, AuditParallelism parallelism, out long reportBytes)
    {
        var request = new AuditRequest([path], [], Now, "json", FailOn: "critical") { Parallelism = parallelism };
        using var output = new CountingWriter();
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = AuditRun.Execute(request, TextReader.Null, output, error);
        if (exit == AuditExitCodes.InputError)
        {
            Console.Error.Write(error.ToString());
        }

        reportBytes = output.Bytes;
        return exit;
    }

    /// <summary>A policy, an exception, their namespaces and <paramref name="count"/> ModelDeployments in one stream.</summary>
    internal static string Manifests(int count, bool compact)
    {
        var text = new StringBuilder(count * 1200);
        for (var ns = 0; ns < Math.Min(count, 20); ns++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: ml-{ns}
                  labels:
                    aiguard.io/tier: {(ns % 2 == 0 ? "prod" : "dev")}
                ---

                """);
        }

        text.Append("""
            apiVersion: aiguard.io/v1alpha1
            kind: GuardPolicy
            metadata:
              name: baseline
            spec:
              namespaceSelector:
                matchLabels:
                  aiguard.io/tier: prod
              enforcement: Enforce
              blockAt: high
              images:
                allowedRegistries: [docker.io/vllm, nvcr.io/nvidia]
                requireDigest: true
                minimumVersions:
                  - repository: vllm/vllm-openai
                    version: 0.6.4
                    advisories: [CVE-2024-8939]
              network:
                allowedEgressCIDRs: [10.0.0.0/8]
              models:
                allowedSources: [s3://ml-models-prod/]
            ---
            apiVersion: aiguard.io/v1alpha1
            kind: GuardException
            metadata:
              name: img-wait
              namespace: ml-0
            spec:
              modelDeployments: ["*"]
              controls: [AIG-IMG-03]
              justification: vendor fix ships next sprint; ingress stays limited to checkout
              approvedBy: security@example.com
              expiresAt: "2027-01-15T00:00:00Z"

            """);
        for (var i = 0; i < count; i++)
        {
            text.Append("---\n");
            text.Append(compact ? CompactModel(i) : Model(i));
        }

        return text.ToString();
    }

    /// <summary>One ModelDeployment; the index varies names, namespaces, images and which optional sections appear.</summary>
    private static string Model(int i)
    {
        var version = i % 3 == 0 ? "v0.6.2" : "v0.6.6";
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
        var model = new StringBuilder(1200);
        model.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: aiguard.io/v1alpha1
            kind: ModelDeployment
            metadata:
              name: model-{i}
              namespace: ml-{i % 20}
              labels:
                app.kubernetes.io/part-of: fleet-{i % 7}
            spec:
              owner: team-{i % 13}@example.com
              riskLevel: {(i % 4 == 0 ? "high" : "limited")}
              enforcement: {(i % 5 == 0 ? "Audit" : "Enforce")}
              model:
                uri: s3://ml-models-prod/model-{i}/v{i % 9}/model.tar
                sha256: {digest}
              serving:
                image: vllm/vllm-openai:{version}@sha256:{digest}
                replicas: {1 + (i % 3)}
                port: 8000
                args: ["--model=/models/model-{i}", "--port=8000"]
                env:
                  - name: VLLM_NO_USAGE_STATS
                    value: "1"
                resources:
                  requests:
                    cpu: "4"
                    memory: 24Gi
                  limits:
                    memory: 32Gi
                    nvidia.com/gpu: "1"
                securityContext:
                  runAsNonRoot: true
                  runAsUser: 1000
                  readOnlyRootFilesystem: true
                  allowPrivilegeEscalation: false
              network:
                ingress:
                  - from:
                      - podSelector:
                          matchLabels:
                            app.kubernetes.io/name: portal-{i % 11}
                    ports: [8000]
                egress:
                  - to:
                      - ipBlock:
                          cidr: 10.40.{i % 250}.0/24
                    ports: [443]

            """);
        if (i % 4 == 1)
        {
            model.Append("""
                  secrets:
                    - name: db-creds
                      existingSecret: db-creds
                      expose: Env

                """);
        }

        model.Append(CultureInfo.InvariantCulture, $"""
              access:
                automountServiceAccountToken: false
                operators:
                  - kind: Group
                    name: oncall-{i % 5}
              updates:
                patch: {(i % 2 == 0 ? "Auto" : "Manual")}

            """);
        return model.ToString();
    }

    /// <summary>A minimal ModelDeployment of about 480 bytes, as in issue 11's 10,000-model, 4.8 MB file.</summary>
    private static string CompactModel(int i) => string.Create(CultureInfo.InvariantCulture, $"""
        apiVersion: aiguard.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: model-{i}
          namespace: ml-{i % 20}
        spec:
          owner: team-{i % 13}@example.com
          riskLevel: {(i % 4 == 0 ? "high" : "limited")}
          model:
            uri: s3://ml-models-prod/model-{i}/model.tar
          serving:
            image: vllm/vllm-openai:{(i % 3 == 0 ? "v0.6.2" : "v0.6.6")}
            replicas: {1 + (i % 3)}
            port: 8000
            resources:
              limits:
                memory: 32Gi
                nvidia.com/gpu: "1"
          network:
            ingress:
              - from:
                  - podSelector:
                      matchLabels:
                        app.kubernetes.io/name: portal-{i % 11}
                ports: [8000]

        """);

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB";

    /// <summary>
    /// The resident set from /proc/self/status: VmRSS now, VmHWM the peak since <see cref="ResetPeak"/> (writing 5 to
    /// /proc/self/clear_refs resets it, so the warm-up's peak does not count).
    /// </summary>
    private static class ResidentSet
    {
        public static long Current() => Read("VmRSS:");

        public static long Peak() => Read("VmHWM:");

        public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

        private static long Read(string field)
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
            return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>The calling thread's own CPU time, from /proc/thread-self/stat (utime + stime, in clock ticks of 10 ms).</summary>
    private static class CallerCpu
    {
        public static double Seconds()
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            // Fields after the command name, which is in parentheses and may contain spaces: state is field 3, utime 14.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    /// <summary>A report sink that counts what it is given instead of holding it.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public long Bytes { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Bytes++;

        public override void Write(string? value) => Bytes += value?.Length ?? 0;

        public override void Write(char[] buffer, int index, int count) => Bytes += count;
    }
}
