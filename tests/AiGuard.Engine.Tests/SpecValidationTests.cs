using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Tests.Samples;
using AiGuard.Engine.Validation;
using k8s.Models;

namespace AiGuard.Engine.Tests;

public sealed class SpecValidationTests
{
    private static SpecError SingleError(ModelDeploymentBuilder model)
    {
        var assessment = Scenario.Evaluate(model);
        Assert.Equal(Phases.Error, assessment.Phase);
        Assert.Empty(assessment.Findings);
        Assert.Empty(assessment.Results);
        return Assert.Single(assessment.SpecErrors);
    }

    [Fact]
    public void Unacceptable_risk_is_rejected_as_a_prohibited_use()
    {
        var error = SingleError(Scenario.Model().With(s => s.RiskLevel = RiskLevels.Unacceptable));

        Assert.Equal("spec.riskLevel", error.Field);
        Assert.Contains("prohibited use under the EU AI Act", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec.riskLevel")]
    [InlineData("spec.enforcement")]
    [InlineData("spec.updates.patch")]
    [InlineData("spec.secrets[0].expose")]
    public void Unknown_enum_values_are_rejected(string field)
    {
        var model = Scenario.Model().With(s =>
        {
            switch (field)
            {
                case "spec.riskLevel": s.RiskLevel = "extreme"; break;
                case "spec.enforcement": s.Enforcement = "enforce"; break;
                case "spec.updates.patch": s.Updates = new UpdatesSpec { Patch = "Always" }; break;
                default: s.Secrets = [new SecretSpec { Name = "a", ExistingSecret = "a", Expose = "Volume" }]; break;
            }
        });

        var error = SingleError(model);

        Assert.Equal(field, error.Field);
        Assert.Contains("use one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_with_both_or_neither_source_is_rejected()
    {
        var both = SingleError(Scenario.Model().Secret(new SecretSpec { Name = "a", ExistingSecret = "a", SealedData = new() { ["k"] = "v" } }));
        var neither = SingleError(Scenario.Model().Secret(new SecretSpec { Name = "a" }));

        Assert.Equal("spec.secrets[0]", both.Field);
        Assert.Equal("a secret needs exactly one of sealedData or existingSecret", neither.Message);
    }

    [Fact]
    public void Duplicate_secret_names_are_rejected()
    {
        var error = SingleError(Scenario.Model().SealedSecret("token", ("a", "x")).SealedSecret("token", ("b", "y")));

        Assert.Equal("spec.secrets[1].name", error.Field);
        Assert.Contains("unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_uri_and_serving_image_are_rejected()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().With(s =>
        {
            s.Model = new ModelSource();
            s.Serving = new ServingSpec();
        }));

        Assert.Equal(["spec.model.uri", "spec.serving.image"], assessment.SpecErrors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("9f86d0")]
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void Malformed_model_sha256_is_rejected(string sha)
    {
        Assert.Equal("spec.model.sha256", SingleError(Scenario.Model().With(s => s.Model.Sha256 = sha)).Field);
    }

    [Theory]
    [InlineData("ftp://models/x")]
    [InlineData("models/x")]
    public void Model_uri_with_an_unsupported_scheme_is_rejected(string uri)
    {
        Assert.Equal("spec.model.uri", SingleError(Scenario.Model().With(s => s.Model.Uri = uri)).Field);
    }

    [Theory]
    [InlineData("10.0.0.0/33", "spec.network.egress[0].to[0].ipBlock.cidr")]
    [InlineData("10.0.0/8", "spec.network.egress[0].to[0].ipBlock.cidr")]
    [InlineData("010.0.0.0/8", "spec.network.egress[0].to[0].ipBlock.cidr")]
    [InlineData("fe80::1%eth0/64", "spec.network.egress[0].to[0].ipBlock.cidr")]
    [InlineData("10.0.0.0", "spec.network.egress[0].to[0].ipBlock.cidr")]
    public void Bad_cidrs_are_rejected_naming_the_field(string cidr, string field)
    {
        var error = SingleError(Scenario.Model().EgressTo(cidr));

        Assert.Equal(field, error.Field);
        Assert.Contains(cidr, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Except_outside_its_cidr_is_rejected()
    {
        var model = Scenario.Model().Egress(new EgressRule { To = [new NetworkPeer { IpBlock = new IpBlock { Cidr = "10.0.0.0/16", Except = ["10.1.0.0/24"] } }] });

        Assert.Equal("spec.network.egress[0].to[0].ipBlock.except[0]", SingleError(model).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Ports_out_of_range_are_rejected(int port)
    {
        var ingress = SingleError(Scenario.Model().Ingress(new IngressRule { From = [new NetworkPeer { PodSelector = new V1LabelSelector() }], Ports = [port] }));
        var serving = SingleError(Scenario.Model().With(s => s.Serving.Port = port));

        Assert.Equal("spec.network.ingress[0].ports[0]", ingress.Field);
        Assert.Equal("spec.serving.port", serving.Field);
    }

    [Fact]
    public void Invalid_image_reference_is_rejected_with_the_parse_message()
    {
        var error = SingleError(Scenario.Model().Image("ghcr.io/Acme/Triton:1"));

        Assert.Equal("spec.serving.image", error.Field);
        Assert.Contains("lower case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_spec_still_reports_policies_enforcement_and_a_quarantine()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().With(s => s.Serving.Image = "").Quarantine("INC-9"), Scenario.Policy("baseline").Enforce());

        Assert.Equal(Phases.Error, assessment.Phase);
        Assert.Equal(["baseline"], assessment.AppliedPolicies);
        Assert.Equal(EnforcementModes.Enforce, assessment.Enforcement);
        Assert.Equal("INC-9", assessment.QuarantineReason);
        Assert.False(assessment.Blocked);
        Assert.Equal(0, assessment.Score);
    }

    [Fact]
    public void Null_sub_objects_and_null_list_items_are_errors_not_crashes()
    {
        var model = new ModelDeployment
        {
            Metadata = null!,
            Spec = new ModelDeploymentSpec
            {
                Model = null!,
                Serving = new ServingSpec { Image = null!, Env = [null!], SecurityContext = new SecurityContextSpec { Capabilities = new CapabilitiesSpec() } },
                Network = new NetworkSpec { Ingress = [null!, new IngressRule { From = [null!] }], Egress = [null!, new EgressRule { To = [new NetworkPeer { IpBlock = new IpBlock { Cidr = null! } }] }] },
                Secrets = [null!, new SecretSpec { Name = null!, SealedData = new() }],
                Access = new AccessSpec { ApiRules = [null!, new()], Operators = [null!, new AccessSubject { Kind = null!, Name = null! }] },
            },
        };

        var assessment = Scenario.Evaluate(model);

        Assert.Equal(Phases.Error, assessment.Phase);
        Assert.Contains(assessment.SpecErrors, e => e.Field == "metadata.name");
        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.model");
        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.network.ingress[0]");
        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.network.egress[1].to[0].ipBlock.cidr");
        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.secrets[0]");
        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.access.apiRules[1].verbs");
        Assert.Contains(assessment.SpecErrors, e => e.Field == "spec.access.operators[1].kind");
    }

    [Fact]
    public void Missing_spec_or_model_are_errors()
    {
        Assert.Equal("spec", Assert.Single(ModelDeploymentValidator.Validate(new ModelDeployment { Metadata = new() { Name = "x" }, Spec = null! })).Field);
        Assert.Single(ModelDeploymentValidator.Validate(null));
    }

    [Fact]
    public void Null_policy_and_exception_lists_and_items_are_tolerated()
    {
        var policy = new Api.Policies.GuardPolicy { Metadata = null!, Spec = null! };
        var exception = new Api.Exceptions.GuardException { Metadata = null!, Spec = null! };

        var assessment = Evaluator.Evaluate(new EvaluationInput(Scenario.Model().Build(), null!, [null!, policy], [null!, exception], Scenario.Now));

        Assert.Empty(assessment.SpecErrors);
        Assert.Equal([""], assessment.AppliedPolicies);
        Assert.Equal(Phases.Compliant, assessment.Phase);
    }

    [Fact]
    public void Sealed_values_never_appear_in_spec_errors()
    {
        var model = Scenario.Model().Secret(new SecretSpec { Name = "a", ExistingSecret = "a", SealedData = new() { ["token"] = "super-secret-value" } });

        Assert.All(Scenario.Evaluate(model).SpecErrors, e => Assert.DoesNotContain("super-secret-value", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1e999999999", "exponent has at most two digits")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345", "at most 64 characters")]
    public void A_quantity_beyond_the_CRD_pattern_is_rejected_naming_its_field(string amount, string reason)
    {
        // Such a model can only exist if it was stored before the CRD's quantity pattern was tightened; it reaches
        // the operator with its text kept verbatim and must not be planned.
        var error = SingleError(Scenario.Model().With(s => s.Serving!.Resources = new ResourceRequirementsSpec
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new AiGuard.Api.Quantities.VerbatimQuantity(amount) },
        }));

        Assert.Equal("spec.serving.resources.limits[cpu]", error.Field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
