using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s.Models;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class DeploymentPlanTests
{
    [Fact]
    public void Minimal_model_runs_one_restricted_pod()
    {
        var state = Plan(Minimal());
        var deployment = state.Deployment;
        var pod = deployment.Spec.Template.Spec;
        var container = Container(state);

        Assert.Equal(("apps/v1", "Deployment", Name), (deployment.ApiVersion, deployment.Kind, deployment.Metadata.Name));
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal(new Dictionary<string, string> { [ApiGroup.ModelDeploymentLabel] = Name }, deployment.Spec.Selector.MatchLabels);
        Assert.Equal(ExpectedChildLabels(), deployment.Spec.Template.Metadata.Labels);
        Assert.Equal(state.SecretsHash, deployment.Spec.Template.Metadata.Annotations["aiguard.io/secrets-hash"]);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.Null(pod.SecurityContext.RunAsUser);
        Assert.Null(pod.SecurityContext.FsGroup);
        Assert.False(pod.EnableServiceLinks);
        Assert.Equal(Name, pod.ServiceAccountName);

        Assert.Equal("model", container.Name);
        Assert.Equal(Image, container.Image);
        AssertHardened(container.SecurityContext);
        var port = Assert.Single(container.Ports);
        Assert.Equal(("http", 8080, "TCP"), (port.Name, port.ContainerPort, port.Protocol));

        var tmp = Assert.Single(pod.Volumes);
        Assert.Equal("tmp", tmp.Name);
        Assert.NotNull(tmp.EmptyDir);
        Assert.Equal(("tmp", "/tmp"), (container.VolumeMounts[0].Name, container.VolumeMounts[0].MountPath));

        Assert.Equal(
            [("AIGUARD_MODEL_URI", ModelUri), ("AIGUARD_MODEL_SHA256", ModelSha256)],
            container.Env.Select(e => (e.Name, e.Value)));
        Assert.Null(container.EnvFrom);
        Assert.False(state.RolloutBlocked);
    }

    [Fact]
    public void Weakening_security_context_values_are_not_applied()
    {
        var model = Minimal();
        model.Spec.Serving.SecurityContext = new SecurityContextSpec
        {
            RunAsNonRoot = false,
            RunAsUser = 0,
            ReadOnlyRootFilesystem = false,
            AllowPrivilegeEscalation = true,
            Privileged = true,
            Capabilities = new CapabilitiesSpec { Add = ["NET_ADMIN", "SYS_ADMIN"] },
        };

        var state = Plan(model);

        var podContext = state.Deployment.Spec.Template.Spec.SecurityContext;
        Assert.True(podContext.RunAsNonRoot);
        Assert.Null(podContext.RunAsUser); // 0 would be root
        AssertHardened(Container(state).SecurityContext);
    }

    [Fact]
    public void Non_root_user_and_group_from_the_spec_are_applied_to_the_pod()
    {
        var model = Minimal();
        model.Spec.Serving.SecurityContext = new SecurityContextSpec { RunAsUser = 1000, RunAsGroup = 2000 };

        var podContext = Plan(model).Deployment.Spec.Template.Spec.SecurityContext;

        Assert.Equal((1000L, 2000L), (podContext.RunAsUser, podContext.RunAsGroup));
    }

    [Fact]
    public void Effective_image_replaces_the_requested_one()
    {
        const string patched = "vllm/vllm-openai:v0.6.4@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        var model = Minimal();
        model.Spec.Serving.Image = "vllm/vllm-openai:v0.6.2";

        var state = Plan(model, Compliant() with { Image = new ImageStatus { Requested = "vllm/vllm-openai:v0.6.2", Effective = patched } });

        Assert.Equal(patched, Container(state).Image);
    }

    [Fact]
    public void Spec_image_is_used_when_the_assessment_has_no_effective_image()
    {
        var state = Plan(Minimal(), new Assessment());

        Assert.Equal(Image, Container(state).Image);
    }

    [Fact]
    public void Replicas_args_port_and_resources_come_from_the_spec()
    {
        var model = Minimal();
        model.Spec.Serving.Replicas = 3;
        model.Spec.Serving.Port = 8000;
        model.Spec.Serving.Args = ["--model-repository=/models"];
        model.Spec.Serving.Resources = new ResourceRequirementsSpec
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["memory"] = new("16Gi") },
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2") },
        };

        var state = Plan(model);
        var container = Container(state);

        Assert.Equal(3, state.Deployment.Spec.Replicas);
        Assert.Equal(["--model-repository=/models"], container.Args);
        Assert.Equal(8000, container.Ports[0].ContainerPort);
        Assert.Equal("16Gi", container.Resources.Limits["memory"].ToString());
        Assert.Equal("1", container.Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal("2", container.Resources.Requests["cpu"].ToString());
    }

    [Fact]
    public void File_secrets_are_read_only_0440_files_readable_through_fs_group()
    {
        var model = Minimal();
        var custom = Sealed("hf-token", "token");
        custom.MountPath = "/var/run/secrets/hf";
        model.Spec.Secrets = [custom, new SecretSpec { Name = "db-creds", ExistingSecret = "prod-db" }];

        var state = Plan(model, opened: Opened("hf-token", ("token", "t")));
        var pod = state.Deployment.Spec.Template.Spec;
        var container = Container(state);

        Assert.Equal(["tmp", "secret-hf-token", "secret-db-creds"], pod.Volumes.Select(v => v.Name));
        Assert.Equal([state.Secrets[0].Metadata.Name, "prod-db"], pod.Volumes.Skip(1).Select(v => v.Secret.SecretName));
        Assert.All(pod.Volumes.Skip(1), v => Assert.Equal(Convert.ToInt32("440", 8), v.Secret.DefaultMode));
        Assert.Equal(
            [("secret-hf-token", "/var/run/secrets/hf", true), ("secret-db-creds", "/var/run/secrets/aiguard/db-creds", true)],
            container.VolumeMounts.Skip(1).Select(m => (m.Name, m.MountPath, m.ReadOnlyProperty == true)));
        Assert.Equal(65532L, pod.SecurityContext.FsGroup); // no runAsGroup in the spec
        Assert.Null(container.EnvFrom);
        Assert.Equal(2, container.Env.Count); // only the model variables
    }

    [Fact]
    public void Env_secrets_are_referenced_by_key_or_envFrom_and_not_mounted()
    {
        var model = Minimal();
        var sealedEnv = Sealed("telemetry", "endpoint", "api-key");
        sealedEnv.Expose = SecretExposure.Env;
        model.Spec.Secrets = [sealedEnv, new SecretSpec { Name = "db-creds", ExistingSecret = "prod-db", Expose = SecretExposure.Env }];

        var state = Plan(model, opened: Opened("telemetry", ("endpoint", "https://otel"), ("api-key", "k")));
        var container = Container(state);
        var child = Assert.Single(state.Secrets).Metadata.Name;

        var secretEnv = container.Env.Where(e => e.ValueFrom is not null).ToList();
        Assert.Equal(
            [("api-key", child, "api-key"), ("endpoint", child, "endpoint")],
            secretEnv.Select(e => (e.Name, e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.All(secretEnv, e => Assert.Null(e.Value));
        Assert.Equal("prod-db", Assert.Single(container.EnvFrom).SecretRef.Name);
        Assert.Single(state.Deployment.Spec.Template.Spec.Volumes); // tmp only
        Assert.Null(state.Deployment.Spec.Template.Spec.SecurityContext.FsGroup);
    }

    [Fact]
    public void Env_names_are_unique_and_the_model_variables_cannot_be_overridden()
    {
        var model = Minimal();
        model.Spec.Serving.Env =
        [
            new PlainEnvVar { Name = "LOG_LEVEL", Value = "info" },
            new PlainEnvVar { Name = "AIGUARD_MODEL_URI", Value = "s3://evil/model" },
            new PlainEnvVar { Name = "LOG_LEVEL", Value = "debug" },
            new PlainEnvVar { Name = "token", Value = "plain" },
        ];
        var sealedEnv = Sealed("creds", "token");
        sealedEnv.Expose = SecretExposure.Env;
        model.Spec.Secrets = [sealedEnv];

        var env = Container(Plan(model, opened: Opened("creds", ("token", "s")))).Env;

        Assert.Equal(env.Count, env.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["LOG_LEVEL", "token", "AIGUARD_MODEL_URI", "AIGUARD_MODEL_SHA256"], env.Select(e => e.Name));
        Assert.Equal("info", env[0].Value);
        Assert.Equal(ModelUri, env.Single(e => e.Name == "AIGUARD_MODEL_URI").Value);
    }

    [Fact]
    public void Model_sha256_variable_is_omitted_when_the_spec_has_none()
    {
        var model = Minimal();
        model.Spec.Model.Sha256 = null;

        Assert.Equal(["AIGUARD_MODEL_URI"], Container(Plan(model)).Env.Select(e => e.Name));
    }

    [Fact]
    public void Quarantine_freezes_the_rollout_but_keeps_the_replicas()
    {
        var model = Minimal();
        model.Spec.Serving.Replicas = 2;

        var state = Plan(model, Quarantined());

        Assert.True(state.Quarantined);
        Assert.True(state.RolloutBlocked);
        Assert.Contains(state.BlockReasons, r => r.Contains("INC-4711", StringComparison.Ordinal));
        Assert.Equal(2, state.Deployment.Spec.Replicas);
    }

    [Fact]
    public void Blocking_assessment_blocks_the_rollout_but_the_deployment_is_still_planned()
    {
        var state = Plan(Minimal(), Compliant() with { Blocked = true, Phase = Phases.Blocked });

        Assert.True(state.RolloutBlocked);
        Assert.False(state.Quarantined);
        Assert.NotNull(state.Deployment.Spec.Template);
        Assert.DoesNotContain(state.Deployment, state.SafetyChildren);
        Assert.Contains(state.Deployment, state.Children);
    }

    [Fact]
    public void Spec_errors_block_the_rollout()
    {
        var state = Plan(Minimal(), Compliant() with { SpecErrors = [new SpecError("spec.secrets[0]", "needs sealedData or existingSecret")], Phase = Phases.Error });

        Assert.True(state.RolloutBlocked);
    }

    [Fact]
    public void Audit_findings_that_do_not_block_let_the_rollout_proceed()
    {
        var finding = new Finding { Control = "AIG-SEC-02", Severity = "medium", Message = "m", Remediation = "r" };
        var state = Plan(Minimal(), Compliant() with { Findings = [finding], Phase = Phases.NonCompliant });

        Assert.False(state.RolloutBlocked);
        Assert.Empty(state.BlockReasons);
    }

    private static void AssertHardened(V1SecurityContext context)
    {
        Assert.False(context.AllowPrivilegeEscalation);
        Assert.False(context.Privileged);
        Assert.True(context.ReadOnlyRootFilesystem);
        Assert.True(context.RunAsNonRoot);
        Assert.Equal(["ALL"], context.Capabilities.Drop);
        Assert.Null(context.Capabilities.Add);
        Assert.Equal("RuntimeDefault", context.SeccompProfile.Type);
        Assert.Null(context.RunAsUser);
    }
}
