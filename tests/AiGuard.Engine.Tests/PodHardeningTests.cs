using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class PodHardeningTests
{
    [Fact]
    public void No_security_context_keeps_the_hardened_default()
    {
        Scenario.Evaluate(Scenario.Model()).AssertPasses(ControlIds.PodHardening);
    }

    [Fact]
    public void Restating_or_tightening_the_defaults_passes()
    {
        var context = new SecurityContextSpec
        {
            RunAsNonRoot = true,
            RunAsUser = 1000,
            RunAsGroup = 0,
            ReadOnlyRootFilesystem = true,
            AllowPrivilegeEscalation = false,
            Privileged = false,
            Capabilities = new CapabilitiesSpec { Add = [] },
        };

        Scenario.Evaluate(Scenario.Model().SecurityContext(context)).AssertPasses(ControlIds.PodHardening);
    }

    public static TheoryData<SecurityContextSpec, string> Weakenings => new()
    {
        { new SecurityContextSpec { RunAsNonRoot = false }, "runAsNonRoot is false" },
        { new SecurityContextSpec { RunAsUser = 0 }, "runAsUser is 0" },
        { new SecurityContextSpec { ReadOnlyRootFilesystem = false }, "readOnlyRootFilesystem is false" },
        { new SecurityContextSpec { AllowPrivilegeEscalation = true }, "allowPrivilegeEscalation is true" },
        { new SecurityContextSpec { Privileged = true }, "privileged is true" },
        { new SecurityContextSpec { Capabilities = new CapabilitiesSpec { Add = ["NET_ADMIN"] } }, "NET_ADMIN" },
    };

    [Theory]
    [MemberData(nameof(Weakenings))]
    public void Each_weakening_field_fails(SecurityContextSpec context, string expected)
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().SecurityContext(context)).AssertFails(ControlIds.PodHardening));

        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_weakenings_give_one_finding_each()
    {
        var context = new SecurityContextSpec { Privileged = true, RunAsUser = 0, AllowPrivilegeEscalation = true };

        Assert.Equal(3, Scenario.Evaluate(Scenario.Model().SecurityContext(context)).AssertFails(ControlIds.PodHardening).Count);
    }
}
