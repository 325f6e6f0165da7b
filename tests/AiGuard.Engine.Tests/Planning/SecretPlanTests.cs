using System.Text;
using AiGuard.Api.ModelDeployments;
using CsCheck;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class SecretPlanTests
{
    private const string Plaintext = "pl41nt3xt-hf_ZyXwVuTsRqPoNmLk-4711";

    private static ModelDeployment WithSealed(params SecretSpec[] secrets)
    {
        var model = Minimal();
        model.Spec.Secrets = [.. secrets];
        return model;
    }

    [Fact]
    public void Opened_sealed_secret_becomes_an_immutable_content_addressed_secret()
    {
        var state = Plan(WithSealed(Sealed("hf-token", "token")), opened: Opened("hf-token", ("token", Plaintext)));

        var secret = Assert.Single(state.Secrets);
        Assert.Equal(("v1", "Secret", "Opaque", true), (secret.ApiVersion, secret.Kind, secret.Type, secret.Immutable));
        Assert.Matches($"^{Name}-hf-token-[0-9a-f]{{8}}$", secret.Metadata.Name);
        Assert.Equal(Plaintext, Encoding.UTF8.GetString(secret.Data["token"]));
        Assert.Null(secret.StringData);
        Assert.Empty(state.UnopenedSecrets);
        Assert.False(state.RolloutBlocked);
    }

    [Fact]
    public void Secret_name_changes_with_content_and_only_with_content()
    {
        var model = WithSealed(Sealed("creds", "user", "password"));

        string NameFor(params (string, string)[] values) => Assert.Single(Plan(model, opened: Opened("creds", values)).Secrets).Metadata.Name;

        var original = NameFor(("user", "svc"), ("password", "one"));
        Assert.Equal(original, NameFor(("password", "one"), ("user", "svc"))); // key order does not matter
        Assert.NotEqual(original, NameFor(("user", "svc"), ("password", "two")));
        // Moving bytes between key and value must not collide (length-prefixed encoding).
        Assert.NotEqual(NameFor(("user", "ab"), ("password", "c")), NameFor(("user", "a"), ("password", "bc")));
    }

    [Fact]
    public void New_secret_content_rolls_the_pods()
    {
        var model = WithSealed(Sealed("creds", "password"));

        var before = Plan(model, opened: Opened("creds", ("password", "one")));
        var after = Plan(model, opened: Opened("creds", ("password", "two")));

        Assert.NotEqual(before.SecretsHash, after.SecretsHash);
        Assert.NotEqual(
            before.Deployment.Spec.Template.Metadata.Annotations["aiguard.io/secrets-hash"],
            after.Deployment.Spec.Template.Metadata.Annotations["aiguard.io/secrets-hash"]);
        Assert.Equal(after.SecretsHash, after.Deployment.Spec.Template.Metadata.Annotations["aiguard.io/secrets-hash"]);
        Assert.Equal(after.Secrets[0].Metadata.Name, after.Deployment.Spec.Template.Spec.Volumes.Single(v => v.Secret is not null).Secret.SecretName);
    }

    [Fact]
    public void Plaintext_appears_only_in_secret_data()
    {
        var file = Sealed("hf-token", "token");
        var env = Sealed("telemetry", "api-key");
        env.Expose = SecretExposure.Env;
        var opened = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>
        {
            ["hf-token"] = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Plaintext) },
            ["telemetry"] = new Dictionary<string, byte[]> { ["api-key"] = Encoding.UTF8.GetBytes(Plaintext + "-env") },
        };
        var model = WithSealed(file, env);
        model.Spec.Access = new AccessSpec { Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }] };

        var state = Plan(model, opened: opened);

        Assert.Equal(2, state.Secrets.Count);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Plaintext));
        foreach (var child in state.Children.Where(c => c.Kind != "Secret"))
        {
            var wire = Wire(child);
            Assert.DoesNotContain(Plaintext, wire, StringComparison.Ordinal);
            Assert.DoesNotContain(base64, wire, StringComparison.Ordinal);
        }

        foreach (var secret in state.Secrets)
        {
            // Within a Secret, values live in data (base64 on the wire) and never in names, labels or annotations.
            Assert.DoesNotContain(Plaintext, KubernetesJsonOf(secret.Metadata), StringComparison.Ordinal);
            Assert.Null(secret.StringData);
        }

        Assert.DoesNotContain(Plaintext, string.Join("\n", state.BlockReasons), StringComparison.Ordinal);
        Assert.Contains(base64, Wire(state.Secrets[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_opened_values_stay_out_of_non_secret_children_and_name_the_secret_by_content()
    {
        var value = Gen.String[Gen.Char.AlphaNumeric, 16, 48];
        Gen.Select(value, value).Sample(pair =>
        {
            var (first, second) = pair;
            var sealedEnv = Sealed("creds", "password", "user");
            sealedEnv.Expose = SecretExposure.Env;
            var model = WithSealed(sealedEnv);

            var state = Plan(model, opened: Opened("creds", ("password", first), ("user", second)));
            var swapped = Plan(model, opened: Opened("creds", ("password", second), ("user", first)));

            foreach (var child in state.Children.Where(c => c.Kind != "Secret"))
            {
                var wire = Wire(child);
                Assert.DoesNotContain(first, wire, StringComparison.Ordinal);
                Assert.DoesNotContain(second, wire, StringComparison.Ordinal);
            }

            Assert.Equal(first == second, state.Secrets[0].Metadata.Name == swapped.Secrets[0].Metadata.Name);
        }, iter: 200);
    }

    [Fact]
    public void Sealed_secret_that_was_not_opened_gets_no_secret_no_mount_and_blocks_the_rollout()
    {
        var state = Plan(WithSealed(Sealed("hf-token", "token")));

        Assert.Empty(state.Secrets);
        Assert.Equal(["hf-token"], state.UnopenedSecrets);
        Assert.True(state.RolloutBlocked);
        Assert.Contains(state.BlockReasons, r => r.Contains("hf-token", StringComparison.Ordinal));
        Assert.DoesNotContain(state.Deployment.Spec.Template.Spec.Volumes, v => v.Secret is not null);
    }

    [Fact]
    public void Partly_opened_secret_counts_as_not_opened()
    {
        var state = Plan(WithSealed(Sealed("creds", "user", "password")), opened: Opened("creds", ("user", "svc")));

        Assert.Empty(state.Secrets);
        Assert.Equal(["creds"], state.UnopenedSecrets);
    }

    [Fact]
    public void Opened_keys_that_were_not_sealed_are_ignored()
    {
        var state = Plan(WithSealed(Sealed("creds", "user")), opened: Opened("creds", ("user", "svc"), ("extra", "x")));

        Assert.Equal(["user"], Assert.Single(state.Secrets).Data.Keys);
    }

    [Fact]
    public void Existing_secret_is_referenced_and_not_created()
    {
        var state = Plan(WithSealed(new SecretSpec { Name = "db-creds", ExistingSecret = "prod-db" }));

        Assert.Empty(state.Secrets);
        var volume = state.Deployment.Spec.Template.Spec.Volumes.Single(v => v.Secret is not null);
        Assert.Equal("prod-db", volume.Secret.SecretName);
        Assert.False(state.RolloutBlocked);
    }

    [Fact]
    public void Secret_data_is_a_copy_of_the_opened_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("value");
        var opened = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>
        {
            ["creds"] = new Dictionary<string, byte[]> { ["password"] = bytes },
        };

        var secret = Assert.Single(Plan(WithSealed(Sealed("creds", "password")), opened: opened).Secrets);
        Array.Clear(bytes);

        Assert.Equal("value", Encoding.UTF8.GetString(secret.Data["password"]));
    }

    private static string KubernetesJsonOf(object value) => k8s.KubernetesJson.Serialize(value);
}
