using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>A result keeps its findings compactly until the report is written; reading them gives back what the engine said.</summary>
public sealed class CompactFindingsTests
{
    [Fact]
    public void Findings_read_back_equal_to_the_engine_s_in_order_with_every_field_and_any_character()
    {
        Finding[] findings =
        [
            new() { Control = "AIG-NET-01", Severity = "critical", Message = "spec.network.ingress[0] has no 'from'", Remediation = "add a peer", Policy = "baseline" },
            new() { Control = "AIG-IMG-03", Severity = "high", Message = "image ünïcødé 🚀 \"quoted\" \\ \u0000 end", Remediation = "patch", Waived = true, WaivedBy = "img-wait" },
            new() { Control = "AIG-IMG-03", Severity = "high", Message = "", Remediation = "" },
        ];

        var compact = CompactFindings.Of(findings);

        Assert.IsType<CompactFindings>(compact);
        Assert.Equal(findings, compact);
        Assert.Equal(findings[1], compact[1]);
        Assert.Equal(3, compact.Count);
    }

    [Fact]
    public void No_findings_stay_the_shared_empty_list()
    {
        IReadOnlyList<Finding> none = [];

        Assert.Same(none, CompactFindings.Of(none));
    }
}
