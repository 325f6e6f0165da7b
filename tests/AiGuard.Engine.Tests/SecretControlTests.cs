using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class SecretControlTests
{
    [Fact]
    public void Sealed_secrets_pass_the_existing_secret_control()
    {
        Scenario.Evaluate(Scenario.Model().SealedSecret("registry-token", ("token", "AGS1abc"))).AssertPasses(ControlIds.ExistingSecret);
    }

    [Fact]
    public void Existing_secret_fails_without_any_policy()
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().ExistingSecret("db-creds")).AssertFails(ControlIds.ExistingSecret));

        Assert.Contains("db-creds", finding.Message, StringComparison.Ordinal);
        Assert.Null(finding.Policy);
    }

    [Fact]
    public void Existing_secret_passes_when_every_applicable_policy_allows_it()
    {
        Scenario.Evaluate(Scenario.Model().ExistingSecret("db-creds"), Scenario.Policy("a").ExistingSecrets(true), Scenario.Policy("b").ExistingSecrets(true))
            .AssertPasses(ControlIds.ExistingSecret);
    }

    [Fact]
    public void Existing_secret_fails_when_one_applicable_policy_does_not_allow_it()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().ExistingSecret("db-creds"),
            Scenario.Policy("lenient").ExistingSecrets(true),
            Scenario.Policy("strict").ExistingSecrets(false));

        Assert.Equal("strict", Assert.Single(assessment.AssertFails(ControlIds.ExistingSecret)).Policy);
    }

    [Fact]
    public void Existing_secret_fails_when_a_policy_leaves_the_flag_at_its_default()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().ExistingSecret("db-creds"),
            Scenario.Policy("lenient").ExistingSecrets(true),
            Scenario.Policy("silent"));

        Assert.Null(Assert.Single(assessment.AssertFails(ControlIds.ExistingSecret)).Policy);
    }

    [Fact]
    public void Secret_mounted_as_files_passes()
    {
        Scenario.Evaluate(Scenario.Model().SealedSecret("token", ("t", "x")).ExistingSecret("db", SecretExposure.File))
            .AssertPasses(ControlIds.SecretInEnv);
    }

    [Fact]
    public void Secret_exposed_as_environment_variables_fails()
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().ExistingSecret("db-creds", SecretExposure.Env)).AssertFails(ControlIds.SecretInEnv));

        Assert.Contains("spec.secrets[0] (db-creds)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sealed_data_check_is_skipped_without_a_sealing_key()
    {
        Scenario.Evaluate(Scenario.Model().SealedSecret("token", ("t", "garbage"))).AssertSkipped(ControlIds.SealedDataOpens);
    }

    [Fact]
    public void Sealed_values_that_open_for_this_scope_pass_and_report_their_keys()
    {
        var verifier = new FakeSealedDataVerifier();
        var model = Scenario.Model()
            .SealedSecret("registry-token", ("token", FakeSealedDataVerifier.Seal("k-2", "registry-token")))
            .SealedSecret("api", ("a", FakeSealedDataVerifier.Seal("k-1", "api")), ("b", FakeSealedDataVerifier.Seal("k-2", "api")));

        var assessment = Scenario.Evaluate(model.Build(), sealing: verifier);

        assessment.AssertPasses(ControlIds.SealedDataOpens);
        Assert.Equal(["k-1", "k-2"], assessment.SealingKeys);
        Assert.Contains($"{ModelDeploymentBuilder.Namespace}/{ModelDeploymentBuilder.Name}/api/b", verifier.Calls);
    }

    [Fact]
    public void Sealed_value_copied_from_another_model_fails_without_revealing_it()
    {
        var copied = FakeSealedDataVerifier.Seal("k-1", "token", model: "other-model");
        var model = Scenario.Model().SealedSecret("token", ("password", copied));

        var finding = Assert.Single(Scenario.Evaluate(model.Build(), sealing: new FakeSealedDataVerifier()).AssertFails(ControlIds.SealedDataOpens));

        Assert.Equal("critical", finding.Severity);
        Assert.Contains("sealed for another scope", finding.Message, StringComparison.Ordinal);
        Assert.Contains("key password", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(copied, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_value_fails_and_a_throwing_verifier_is_reported_not_propagated()
    {
        var model = Scenario.Model().SealedSecret("token", ("a", "tampered-secret-material"));

        var tampered = Scenario.Evaluate(model.Build(), sealing: new FakeSealedDataVerifier()).AssertFails(ControlIds.SealedDataOpens);
        var thrown = Scenario.Evaluate(model.Build(), sealing: new ThrowingVerifier()).AssertFails(ControlIds.SealedDataOpens);

        Assert.Contains("tampered", tampered.Single().Message, StringComparison.Ordinal);
        Assert.Contains("verification failed (InvalidOperationException)", thrown.Single().Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tampered-secret-material", thrown.Single().Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingVerifier : ISealedDataVerifier
    {
        public SealedDataVerdict Verify(string @namespace, string modelDeployment, string secretName, string key, string sealedValue) =>
            throw new InvalidOperationException("cannot open " + sealedValue);
    }
}
