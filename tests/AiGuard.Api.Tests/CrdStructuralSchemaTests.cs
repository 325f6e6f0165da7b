using System.Text.RegularExpressions;
using AiGuard.Api.Crds;
using AiGuard.Api.Tests.Support;
using k8s.Models;

namespace AiGuard.Api.Tests;

/// <summary>The rules a real API server applies before it accepts a CRD schema (structural schemas, defaults, CEL cost).</summary>
public sealed class CrdStructuralSchemaTests
{
    public static TheoryData<string> Kinds => ["ModelDeployment", "GuardPolicy", "GuardException"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_schema_node_declares_a_type_or_is_int_or_string(string kind)
    {
        var untyped = GeneratedCrds.Nodes(GeneratedCrds.ForKind(kind).Schema())
            .Where(n => n.Node.Type is null && n.Node.XKubernetesIntOrString != true && n.Node.XKubernetesPreserveUnknownFields != true)
            .Select(n => n.Path)
            .ToList();

        Assert.Empty(untyped);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Int_or_string_nodes_use_only_the_allowed_any_of_form(string kind)
    {
        var intOrString = GeneratedCrds.Nodes(GeneratedCrds.ForKind(kind).Schema()).Where(n => n.Node.XKubernetesIntOrString == true).ToList();

        Assert.All(intOrString, n =>
        {
            Assert.Null(n.Node.Type);
            Assert.Equal(["integer", "string"], n.Node.AnyOf.Select(b => b.Type));
            // Inside anyOf a structural schema may not carry descriptions, defaults or further nesting.
            Assert.All(n.Node.AnyOf, b => Assert.True(b.Description is null && b.DefaultProperty is null && b.Properties is null));
        });
        if (kind == "ModelDeployment")
        {
            Assert.Equal(2, intOrString.Count); // resources.limits{} and resources.requests{}
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Metadata_is_left_to_the_API_server(string kind)
    {
        var metadata = GeneratedCrds.ForKind(kind).At("metadata");

        Assert.Equal("object", metadata.Type);
        Assert.Null(metadata.Properties);
        Assert.Null(metadata.AdditionalProperties);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Objects_have_either_properties_or_additional_properties_and_required_names_exist(string kind)
    {
        foreach (var (path, node) in GeneratedCrds.Nodes(GeneratedCrds.ForKind(kind).Schema()))
        {
            Assert.False(node.Properties is not null && node.AdditionalProperties is not null, $"{path} has both");
            Assert.All(node.Required ?? [], r => Assert.True(node.Properties?.ContainsKey(r) == true, $"{path}: required {r} is not a property"));
            if (node.Type == "array")
            {
                Assert.IsType<V1JSONSchemaProps>(node.Items);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Defaults_match_their_node_type_and_enum(string kind)
    {
        var defaults = GeneratedCrds.Nodes(GeneratedCrds.ForKind(kind).Schema()).Where(n => n.Node.DefaultProperty is not null).ToList();

        Assert.Equal(kind != "GuardException", defaults.Count > 0); // api.md gives GuardException no defaults
        Assert.All(defaults, n =>
        {
            var value = n.Node.DefaultProperty;
            var matches = n.Node.Type switch
            {
                "string" => value is string,
                "boolean" => value is bool,
                "integer" => value is int or long,
                _ => false,
            };
            Assert.True(matches, $"{n.Path}: default {value} is not a {n.Node.Type}");
            if (n.Node.EnumProperty is { } allowed)
            {
                Assert.Contains(value, allowed);
            }

            if (value is int number)
            {
                Assert.InRange(number, n.Node.Minimum ?? int.MinValue, n.Node.Maximum ?? int.MaxValue);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Patterns_compile(string kind)
    {
        Assert.All(
            GeneratedCrds.Nodes(GeneratedCrds.ForKind(kind).Schema()).Where(n => n.Node.Pattern is not null),
            n => _ = new Regex(n.Node.Pattern));
    }

    /// <summary>
    /// The API server estimates a rule's cost from maxItems/maxProperties and the maxLength of the strings it touches;
    /// an unbounded list or string makes the estimate exceed the budget and the CRD is rejected.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Rules_that_iterate_run_on_bounded_collections_of_bounded_strings(string kind)
    {
        var iterating = GeneratedCrds.Nodes(GeneratedCrds.ForKind(kind).Schema())
            .SelectMany(n => (n.Node.XKubernetesValidations ?? []).Select(r => (n.Path, n.Node, r.Rule)))
            .Where(x => Regex.IsMatch(x.Rule, "\\.(all|exists|exists_one|map|filter)\\("))
            .ToList();

        Assert.All(iterating, x =>
        {
            if (x.Node.Type == "array")
            {
                Assert.True(x.Node.MaxItems is not null, $"{x.Path}: rule '{x.Rule}' iterates a list without maxItems");
                var items = (V1JSONSchemaProps)x.Node.Items;
                // Only the strings the rule reads count: the items themselves, or the item fields it selects.
                var strings = items.Type == "string"
                    ? [items]
                    : (items.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
                        .Where(p => p.Value.Type == "string" && x.Rule.Contains("." + p.Key, StringComparison.Ordinal))
                        .Select(p => p.Value);
                Assert.All(strings, s => Assert.True(
                    s.MaxLength is not null || s.EnumProperty is not null, $"{x.Path}: rule '{x.Rule}' compares unbounded strings"));
            }
            else
            {
                Assert.True(x.Node.MaxProperties is not null, $"{x.Path}: rule '{x.Rule}' iterates a map without maxProperties");
            }
        });
    }

    /// <summary>
    /// The API server multiplies a rule's cost by how often it can run (the product of maxItems above it); under an
    /// unbounded list that estimate comes from the 3 MB request size and eats the CRD-wide cost budget.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Rules_inside_lists_sit_under_lists_with_max_items(string kind)
    {
        var unbounded = new List<string>();
        Walk(GeneratedCrds.ForKind(kind).Schema(), "", boundedSoFar: true);

        Assert.Empty(unbounded);

        void Walk(V1JSONSchemaProps node, string path, bool boundedSoFar)
        {
            if (node.XKubernetesValidations is { Count: > 0 } && !boundedSoFar)
            {
                unbounded.Add(path);
            }

            foreach (var (name, child) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            {
                Walk(child, $"{path}.{name}", boundedSoFar);
            }

            if (node.Items is V1JSONSchemaProps items)
            {
                Walk(items, path + "[]", boundedSoFar && node.MaxItems is not null);
            }

            if (node.AdditionalProperties is V1JSONSchemaProps values)
            {
                Walk(values, path + "{}", boundedSoFar && node.MaxProperties is not null);
            }
        }
    }

    [Fact]
    public void Every_rule_compiles_and_has_a_message()
    {
        var rules = GeneratedCrds.All.SelectMany(c => GeneratedCrds.Nodes(c.Schema())).SelectMany(n => n.Node.XKubernetesValidations ?? []).ToList();

        Assert.True(rules.Count >= 8, $"only {rules.Count} rules");
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        // The validator the sandbox and the audit share compiles every rule (a rule it cannot compile is skipped, not enforced).
        Assert.All(GeneratedCrds.All, crd => Assert.Empty(CrdValidation.Compile(crd.Schema()).SkippedRules));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = CrdYaml.Serialize(CrdGenerator.GenerateAll());
        var second = CrdYaml.Serialize(CrdGenerator.GenerateAll());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Properties_are_emitted_in_ordinal_order()
    {
        foreach (var (path, node) in GeneratedCrds.All.SelectMany(c => GeneratedCrds.Nodes(c.Schema())))
        {
            var names = node.Properties?.Keys.ToList() ?? [];
            Assert.True(names.SequenceEqual(names.Order(StringComparer.Ordinal)), $"{path}: {string.Join(",", names)}");
        }
    }

    [Fact]
    public void Refuses_a_type_that_is_not_a_root_resource()
    {
        var error = Assert.Throws<ArgumentException>(() => CrdGenerator.Generate<string>());

        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }
}
