using AiGuard.Api.Schema;
using AiGuard.Api.Tests.Support;

namespace AiGuard.Api.Tests;

/// <summary>What the schemas say about the fields api.md defines: required, enums, patterns, formats, defaults, CEL.</summary>
public sealed class CrdSchemaContentTests
{
    [Fact]
    public void Spec_is_required_on_every_root()
    {
        Assert.All(GeneratedCrds.All, c => Assert.Equal(["spec"], c.Schema().Required));
    }

    [Fact]
    public void ModelDeployment_requires_model_uri_and_serving_image()
    {
        var md = GeneratedCrds.ModelDeployment;

        Assert.Equal(["model", "serving"], md.At("spec").Required);
        Assert.Equal(["uri"], md.At("spec.model").Required);
        Assert.Equal(["image"], md.At("spec.serving").Required);
        Assert.Equal(["name"], md.At("spec.secrets[]").Required);
        Assert.Equal(["kind", "name"], md.At("spec.access.operators[]").Required);
        Assert.Equal(["cidr"], md.At("spec.network.egress[].to[].ipBlock").Required);
    }

    [Fact]
    public void GuardException_requires_every_spec_field()
    {
        Assert.Equal(
            ["approvedBy", "controls", "expiresAt", "justification", "modelDeployments"],
            GeneratedCrds.GuardException.At("spec").Required);
    }

    [Theory]
    [InlineData("ModelDeployment", "spec.riskLevel", new[] { "minimal", "limited", "high", "unacceptable" })]
    [InlineData("ModelDeployment", "spec.enforcement", new[] { "Enforce", "Audit" })]
    [InlineData("ModelDeployment", "spec.secrets[].expose", new[] { "File", "Env" })]
    [InlineData("ModelDeployment", "spec.updates.patch", new[] { "Auto", "Manual" })]
    [InlineData("ModelDeployment", "spec.access.viewers[].kind", new[] { "User", "Group", "ServiceAccount" })]
    [InlineData("ModelDeployment", "status.phase", new[] { "Progressing", "Compliant", "NonCompliant", "Blocked", "Quarantined", "Error" })]
    [InlineData("GuardPolicy", "spec.enforcement", new[] { "Enforce", "Audit" })]
    [InlineData("GuardPolicy", "spec.blockAt", new[] { "critical", "high", "medium", "low" })]
    [InlineData("GuardPolicy", "spec.controls{}.severity", new[] { "critical", "high", "medium", "low" })]
    [InlineData("GuardPolicy", "spec.incidentResponse.onCritical", new[] { "Alert", "Quarantine" })]
    public void Enumerated_fields_list_their_values(string kind, string path, string[] values)
    {
        var node = GeneratedCrds.ForKind(kind).At(path);

        Assert.Equal(values, node.EnumProperty.Cast<string>());
    }

    [Theory]
    [InlineData("ModelDeployment", "spec.model.sha256", Patterns.Sha256Hex)]
    [InlineData("ModelDeployment", "spec.secrets[].name", Patterns.DnsLabel)]
    [InlineData("ModelDeployment", "spec.secrets[].existingSecret", Patterns.DnsSubdomain)]
    [InlineData("ModelDeployment", "spec.serving.env[].name", Patterns.EnvVarName)]
    [InlineData("ModelDeployment", "spec.secrets[].mountPath", Patterns.AbsolutePath)]
    [InlineData("GuardPolicy", "spec.exceptions.nonWaivable[]", Patterns.ControlId)]
    [InlineData("GuardPolicy", "spec.inventory.inferenceImages[]", Patterns.ImageRepository)]
    [InlineData("GuardException", "spec.controls[]", Patterns.ControlId)]
    [InlineData("GuardException", "spec.modelDeployments[]", Patterns.DnsLabelOrWildcard)]
    public void Patterned_fields_carry_their_pattern(string kind, string path, string pattern)
    {
        Assert.Equal(pattern, GeneratedCrds.ForKind(kind).At(path).Pattern);
    }

    [Fact]
    public void Times_are_date_time_strings()
    {
        Assert.Equal(("string", "date-time"), Typed(GeneratedCrds.GuardException.At("spec.expiresAt")));
        Assert.Equal(("string", "date-time"), Typed(GeneratedCrds.ModelDeployment.At("status.lastEvaluatedTime")));
        Assert.Equal(("string", "date-time"), Typed(GeneratedCrds.ModelDeployment.At("status.conditions[].lastTransitionTime")));

        static (string, string) Typed(k8s.Models.V1JSONSchemaProps n) => (n.Type, n.Format);
    }

    [Theory]
    [InlineData("ModelDeployment", "spec.enforcement", "Enforce")]
    [InlineData("ModelDeployment", "spec.serving.port", 8080)]
    [InlineData("ModelDeployment", "spec.serving.replicas", 1)]
    [InlineData("ModelDeployment", "spec.network.allowDNS", true)]
    [InlineData("ModelDeployment", "spec.secrets[].expose", "File")]
    [InlineData("ModelDeployment", "spec.updates.patch", "Manual")]
    [InlineData("GuardPolicy", "spec.enforcement", "Audit")]
    [InlineData("GuardPolicy", "spec.blockAt", "high")]
    [InlineData("GuardPolicy", "spec.governance.requireOwner", true)]
    [InlineData("GuardPolicy", "spec.governance.requireRiskLevel", true)]
    [InlineData("GuardPolicy", "spec.incidentResponse.onCritical", "Alert")]
    public void Defaults_follow_api_md(string kind, string path, object expected)
    {
        Assert.Equal(expected, GeneratedCrds.ForKind(kind).At(path).DefaultProperty);
    }

    [Fact]
    public void Ranges_and_lengths_bound_numbers_and_strings()
    {
        var md = GeneratedCrds.ModelDeployment;

        Assert.Equal((1d, 65535d), (md.At("spec.serving.port").Minimum, md.At("spec.serving.port").Maximum));
        Assert.Equal((1d, 65535d), (md.At("spec.network.ingress[].ports[]").Minimum, md.At("spec.network.ingress[].ports[]").Maximum));
        Assert.Equal((0d, 100d), (md.At("status.complianceScore").Minimum, md.At("status.complianceScore").Maximum));
        Assert.Equal(50, md.At("status.findings").MaxItems);
        Assert.Equal(20, GeneratedCrds.GuardException.At("spec.justification").MinLength);
        Assert.Equal(1, GeneratedCrds.GuardException.At("spec.controls").MinItems);
    }

    [Theory]
    [InlineData("ModelDeployment", "spec.secrets[]", "has(self.sealedData) != has(self.existingSecret)", "exactly one of sealedData or existingSecret")]
    [InlineData("ModelDeployment", "spec.riskLevel", "self != 'unacceptable'", "prohibited use under the EU AI Act")]
    [InlineData("ModelDeployment", "spec.secrets", "self.all(s, self.exists_one(o, o.name == s.name))", "secret names must be unique")]
    [InlineData("GuardException", "spec.controls", "!self.exists(c, c == '*')", "controls cannot contain \"*\"")]
    [InlineData("GuardException", "spec.controls", "size(self) > 0", "at least one control")]
    [InlineData("GuardException", "spec", "has(self.controls) && size(self.controls) > 0 && has(self.expiresAt)", "at least one control and set expiresAt")]
    [InlineData("GuardPolicy", "spec.controls", "self.all(k, k.matches('^AIG-[A-Z]+-[0-9]{2}$'))", "control ids")]
    public void Validation_rules_are_present_with_clear_messages(string kind, string path, string rule, string messagePart)
    {
        var rules = GeneratedCrds.ForKind(kind).At(path).XKubernetesValidations ?? [];

        var found = Assert.Single(rules, r => r.Rule == rule);
        Assert.Contains(messagePart, found.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_kubernetes_types_follow_their_upstream_schemas()
    {
        var md = GeneratedCrds.ModelDeployment;
        var selector = md.At("spec.network.ingress[].from[].podSelector");
        var conditions = md.At("status.conditions");

        Assert.Equal("atomic", selector.XKubernetesMapType);
        Assert.Equal("string", ((k8s.Models.V1JSONSchemaProps)selector.Properties["matchLabels"].AdditionalProperties).Type);
        Assert.Equal(["key", "operator"], md.At("spec.network.ingress[].from[].podSelector.matchExpressions[]").Required);
        Assert.Equal(["verbs"], md.At("spec.access.apiRules[]").Required);
        Assert.Equal("map", conditions.XKubernetesListType);
        Assert.Equal(["type"], conditions.XKubernetesListMapKeys);
        Assert.Equal(["lastTransitionTime", "message", "reason", "status", "type"], md.At("status.conditions[]").Required);
        Assert.True(md.At("spec.serving.resources.limits{}").XKubernetesIntOrString);
        Assert.Equal("string", md.At("spec.secrets[].sealedData{}").Type);
    }
}
