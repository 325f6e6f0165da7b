using AiGuard.Operator.Runtime;
using AiGuard.Operator.Tests.Runtime.Readability;
using CsCheck;
using k8s;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// What the CRD schema admits, the operator reads: one stored object its typed models cannot read fails the whole
/// LIST/WATCH of its kind, so the informer never syncs and the operator stalls for every namespace. Every one-field
/// change of every seed (<see cref="SchemaMutations"/>) is judged as the sandbox judges a write (unknown fields pruned,
/// nulls pruned, defaults applied, then the schema and its CEL rules); each change the schema accepts is read with the
/// informers' <see cref="CacheJson"/> and with <see cref="KubernetesJson"/>, and neither may throw. The cases are an
/// enumeration of the schema, not random, so every failure names the field, the value and the seed that reproduce it.
/// A CsCheck property then combines admitted changes, several at once, for what one change at a time cannot reach
/// (a failure prints the CsCheck seed that reproduces it).
/// </summary>
public sealed class SchemaAdmittedObjectsAreReadableTests
{
    public static TheoryData<string> Kinds => new() { "ModelDeployment", "GuardPolicy", "GuardException" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_object_the_schema_admits_is_read_by_the_cache_and_by_kubernetes_json(string kind)
    {
        var admission = SchemaAdmission.For(kind);
        var failures = new List<string>();
        var admitted = 0;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var refused = 0;
        foreach (var (seedName, seed) in CrdSeeds.For(kind))
        {
            Assert.True(admission.Store(seed.DeepClone().AsObject()) is not null, $"{kind} seed '{seedName}' must be valid: {string.Join(" | ", admission.Compiled.Validate(seed))}");
            foreach (var mutation in SchemaMutations.Of(seed, admission.Source))
            {
                if (admission.Store(mutation.ApplyTo(seed)) is not { } stored)
                {
                    refused++;
                    continue;
                }

                admitted++;
                reached.Add(mutation.Field);
                if (TypedRead.Failure(kind, stored) is { } error)
                {
                    failures.Add($"{mutation} [seed '{seedName}']: {error}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} admitted {kind} objects are unreadable:\n{string.Join('\n', failures.Take(40))}");
        Assert.True(admitted > 300 && refused > 300, $"the enumeration must reach both sides of the schema: {admitted} admitted, {refused} refused");
        var unreached = SchemaMutations.ScalarFields(admission.Source).Where(field => !reached.Contains(field)).ToList();
        Assert.True(unreached.Count == 0, $"no admitted change reaches these {kind} fields: {string.Join(", ", unreached)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Objects_with_several_admitted_edge_values_at_once_are_read_too(string kind)
    {
        var admission = SchemaAdmission.For(kind);
        var seeds = CrdSeeds.For(kind).ToList();
        var admitted = seeds.Select(seed => SchemaMutations.Of(seed.Object, admission.Source)
            .Where(m => admission.Store(m.ApplyTo(seed.Object)) is not null).ToList()).ToList();
        var stored = 0;

        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, int.MaxValue].Array[2, 6]).Sample((index, picks) =>
        {
            var changes = picks.Select(p => admitted[index][p % admitted[index].Count]).ToList();
            var obj = changes.Aggregate(seeds[index].Object, (current, change) => change.ApplyTo(current));
            if (admission.Store(obj) is not { } json)
            {
                return;
            }

            Interlocked.Increment(ref stored);
            var error = TypedRead.Failure(kind, json);
            Assert.True(error is null, $"seed '{seeds[index].Name}' with {string.Join("; ", changes)}: {error}");
        }, iter: 1500, threads: 1);

        Assert.True(stored > 300, $"only {stored} of 1500 combined changes were admitted: the property must mostly test readable objects");
    }
}
