using System.Text.Json.Nodes;
using AiGuard.Api.Tests.Support;
using AiGuard.Schema;

namespace AiGuard.Api.Tests;

/// <summary>
/// The schema, CEL rules included, accepts what api.md allows and refuses what it forbids, with the rule's message.
/// Rules are evaluated with the Cel package against the generated schema, as the API server would.
/// </summary>
public sealed class ValidationRuleTests
{
    private const string ValidModelDeployment = """
        apiVersion: aiguard.io/v1alpha1
        kind: ModelDeployment
        metadata: {name: m, namespace: ml}
        spec:
          model: {uri: "s3://models/m.onnx"}
          serving: {image: "ghcr.io/acme/m:1.0"}
        """;

    private const string ValidException = """
        apiVersion: aiguard.io/v1alpha1
        kind: GuardException
        metadata: {name: x, namespace: ml}
        spec:
          modelDeployments: [m]
          controls: [AIG-IMG-03]
          justification: vendor fix ships next sprint; ingress is limited
          approvedBy: security@example.com
          expiresAt: "2027-01-15T00:00:00Z"
        """;

    [Fact]
    public void Minimal_manifests_are_valid()
    {
        Assert.Empty(Validate(ValidModelDeployment));
        Assert.Empty(Validate(ValidException));
        Assert.Empty(Validate("apiVersion: aiguard.io/v1alpha1\nkind: GuardPolicy\nmetadata: {name: p}\nspec: {}\n"));
    }

    [Fact]
    public void Rejects_a_secret_with_both_sealed_data_and_an_existing_secret()
    {
        var errors = ValidateModelDeployment(spec => spec["secrets"] = Json("""[{"name": "db", "sealedData": {"k": "AGS1x"}, "existingSecret": "db"}]"""));

        Assert.Contains("spec.secrets[0]: Invalid value: \"object\": a secret needs exactly one of sealedData or existingSecret", errors);
    }

    [Fact]
    public void Rejects_a_secret_with_neither_sealed_data_nor_an_existing_secret()
    {
        var errors = ValidateModelDeployment(spec => spec["secrets"] = Json("""[{"name": "db"}]"""));

        Assert.Contains("spec.secrets[0]: Invalid value: \"object\": a secret needs exactly one of sealedData or existingSecret", errors);
    }

    [Fact]
    public void Rejects_duplicate_secret_names()
    {
        var errors = ValidateModelDeployment(spec => spec["secrets"] = Json(
            """[{"name": "db", "existingSecret": "a"}, {"name": "db", "existingSecret": "b"}]"""));

        Assert.Contains("spec.secrets: Invalid value: \"array\": secret names must be unique", errors);
    }

    [Fact]
    public void Rejects_the_unacceptable_risk_level_as_a_prohibited_use()
    {
        var errors = ValidateModelDeployment(spec => spec["riskLevel"] = "unacceptable");

        var error = Assert.Single(errors);
        Assert.Contains("prohibited use under the EU AI Act", error, StringComparison.Ordinal);
    }

    // An empty selector ({}: every pod, every namespace) is present, so the API server refuses it here too.
    [Theory]
    [InlineData("""{"matchLabels": {"app": "x"}}""")]
    [InlineData("{}")]
    public void Rejects_a_peer_that_mixes_an_ip_block_with_selectors(string podSelector)
    {
        var errors = ValidateModelDeployment(spec => spec["network"] = Json(
            $$"""{"ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}, "podSelector": {{podSelector}}}]}]}"""));

        Assert.Single(errors, e => e.StartsWith("spec.network.ingress[0].from[0]: Invalid value: \"object\": a peer is either an ipBlock", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("spec.model.sha256", "\"not-a-digest\"", "should match '^[a-f0-9]{64}$'")]
    [InlineData("spec.serving.port", "0", "should be greater than or equal to 1")]
    [InlineData("spec.enforcement", "\"Warn\"", "Unsupported value: \"Warn\"")]
    [InlineData("spec.serving.replicas", "\"two\"", "must be of type integer")]
    [InlineData("spec.surprise", "true", "unknown field \"spec.surprise\"")]
    public void Rejects_bad_field_values_naming_the_field(string path, string json, string messagePart)
    {
        var errors = ValidateModelDeployment(spec => Set(spec, path["spec.".Length..], Json(json)));

        var error = Assert.Single(errors, e => e != StructuralSchema.RulesNotChecked.ToString());
        Assert.StartsWith(path + ":", error, StringComparison.Ordinal);
        Assert.Contains(messagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_wildcard_control_in_an_exception()
    {
        var errors = ValidateException(spec => spec["controls"] = Json("""["*"]"""));

        Assert.Contains(errors, e => e.StartsWith("spec.controls: Invalid value: \"array\": controls cannot contain \"*\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_an_exception_without_controls()
    {
        var errors = ValidateException(spec => spec["controls"] = Json("[]"));

        Assert.Contains("spec.controls: Invalid value: 0: spec.controls in body should have at least 1 items", errors);
    }

    [Fact]
    public void Rejects_an_exception_without_an_expiry()
    {
        var errors = ValidateException(spec => spec.Remove("expiresAt"));

        // A missing required field stops CEL on a real API server too; the Required error says what to fix.
        Assert.Equal(["spec.expiresAt: Required value", StructuralSchema.RulesNotChecked.ToString()], errors);
    }

    [Fact]
    public void The_exception_rule_itself_demands_controls_and_an_expiry()
    {
        // The API server runs CEL even when required fields are missing; the rule must say why, not fail to evaluate.
        var rule = GeneratedCrds.GuardException.At("spec").XKubernetesValidations.Single().Rule;

        Assert.False(CrdValidation.Holds(rule, Json("""{"controls": ["AIG-IMG-03"]}""")));
        Assert.False(CrdValidation.Holds(rule, Json("""{"controls": [], "expiresAt": "2027-01-15T00:00:00Z"}""")));
        Assert.True(CrdValidation.Holds(rule, Json("""{"controls": ["AIG-IMG-03"], "expiresAt": "2027-01-15T00:00:00Z"}""")));
    }

    [Fact]
    public void Wildcard_model_deployments_must_stand_alone()
    {
        Assert.Empty(ValidateException(spec => spec["modelDeployments"] = Json("""["*"]""")));
        Assert.Contains(
            ValidateException(spec => spec["modelDeployments"] = Json("""["*", "m"]""")),
            e => e.Contains("must be the only entry", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_short_justification_and_a_non_date_expiry()
    {
        var errors = ValidateException(spec =>
        {
            spec["justification"] = "because";
            spec["expiresAt"] = "next tuesday";
        });

        Assert.Contains("spec.justification: Invalid value: \"because\": spec.justification in body should be at least 20 chars long", errors);
        Assert.Contains("spec.expiresAt: Invalid value: \"next tuesday\": spec.expiresAt in body must be of type date-time: \"next tuesday\"", errors);
    }

    [Fact]
    public void Policy_control_overrides_must_be_keyed_by_control_ids()
    {
        var good = Json("""{"apiVersion": "aiguard.io/v1alpha1", "kind": "GuardPolicy", "metadata": {"name": "p"}, "spec": {"controls": {"AIG-NET-01": {"severity": "low"}}}}""");
        var bad = Json("""{"apiVersion": "aiguard.io/v1alpha1", "kind": "GuardPolicy", "metadata": {"name": "p"}, "spec": {"controls": {"NET-01": {"disabled": true}}}}""");

        Assert.Empty(CrdValidation.Validate(good));
        Assert.Contains(CrdValidation.Validate(bad), e => e.Contains("control ids such as AIG-NET-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Quantities_accept_integers_and_quantity_strings_only()
    {
        Assert.Empty(ValidateModelDeployment(spec => Set(spec, "serving.resources", Json("""{"limits": {"memory": "16Gi", "nvidia.com/gpu": 1, "cpu": "500m"}}"""))));
        Assert.Single(ValidateModelDeployment(spec => Set(spec, "serving.resources", Json("""{"limits": {"memory": "lots"}}"""))));
    }

    private static List<string> Validate(string yaml)
    {
        var manifest = YamlDocuments.ParseSingle(yaml);
        return CrdValidation.Validate(manifest);
    }

    private static List<string> ValidateModelDeployment(Action<JsonObject> change) => ValidateChanged(ValidModelDeployment, change);

    private static List<string> ValidateException(Action<JsonObject> change) => ValidateChanged(ValidException, change);

    private static List<string> ValidateChanged(string yaml, Action<JsonObject> change)
    {
        var manifest = YamlDocuments.ParseSingle(yaml);
        change(manifest["spec"]!.AsObject());
        return CrdValidation.Validate(manifest);
    }

    private static void Set(JsonObject root, string dottedPath, JsonNode? value)
    {
        var parts = dottedPath.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = (node[part] ??= new JsonObject()).AsObject();
        }

        node[parts[^1]] = value;
    }

    private static JsonNode? Json(string json) => JsonNode.Parse(json);
}
