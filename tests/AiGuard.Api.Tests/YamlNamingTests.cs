using System.Reflection;
using System.Text.Json.Serialization;
using AiGuard.Api.Crds;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AiGuard.Api.Tests;

/// <summary>
/// KubernetesYaml maps YAML keys to properties by camelCasing the C# name and silently ignores keys that do not
/// match, so a JSON name that differs from the camelCased C# name (allowDNS vs AllowDns) needs a [YamlMember] alias,
/// or the field is dropped whenever a manifest is read with KubernetesYaml.
/// </summary>
public sealed class YamlNamingTests
{
    [Fact]
    public void Every_api_property_has_the_same_name_in_yaml_and_json()
    {
        var mismatched = typeof(CrdGenerator).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("AiGuard.Api", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .Where(p =>
            {
                var json = p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
                var yaml = p.GetCustomAttribute<YamlMemberAttribute>()?.Alias ?? CamelCaseNamingConvention.Instance.Apply(p.Name);
                return json != yaml;
            })
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(mismatched);
    }
}
