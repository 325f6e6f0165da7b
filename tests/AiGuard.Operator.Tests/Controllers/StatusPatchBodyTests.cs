using System.Text.Json.Nodes;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>The status patch decides by itself whether a write is due: a newer evaluation time alone is none.</summary>
public sealed class StatusPatchBodyTests
{
    private const string Ignored = "lastEvaluatedTime";
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void A_newer_evaluation_time_alone_is_no_write()
    {
        var stored = new ModelDeploymentStatus { Phase = Phases.Compliant, ObservedGeneration = 3, LastEvaluatedTime = T0 };
        var composed = new ModelDeploymentStatus { Phase = Phases.Compliant, ObservedGeneration = 3, LastEvaluatedTime = T0.AddMinutes(5) };

        Assert.Null(StatusPatcher.BodyUnlessOnly(stored, composed, Ignored));
    }

    [Fact]
    public void A_changed_field_is_written_with_the_new_time_and_nothing_unchanged()
    {
        var stored = new ModelDeploymentStatus { Phase = Phases.Compliant, ObservedGeneration = 3, LastEvaluatedTime = T0 };
        var composed = new ModelDeploymentStatus { Phase = Phases.NonCompliant, ObservedGeneration = 3, LastEvaluatedTime = T0.AddMinutes(5) };

        var patch = StatusPatcher.BodyUnlessOnly(stored, composed, Ignored);

        var status = JsonNode.Parse((string)patch!.Content)!["status"]!.AsObject();
        Assert.Equal([Ignored, "phase"], status.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Phases.NonCompliant, (string?)status["phase"]);
    }

    [Fact]
    public void A_removed_field_is_written_as_null()
    {
        var stored = new ModelDeploymentStatus { Phase = Phases.Compliant, ObservedGeneration = 3, LastEvaluatedTime = T0 };
        var composed = new ModelDeploymentStatus { ObservedGeneration = 3, LastEvaluatedTime = T0 };

        var status = JsonNode.Parse((string)StatusPatcher.BodyUnlessOnly(stored, composed, Ignored)!.Content)!["status"]!.AsObject();

        Assert.True(status.ContainsKey("phase"));
        Assert.Null(status["phase"]);
    }

    [Fact]
    public void A_first_status_is_written_whole_even_when_only_its_time_is_set()
    {
        var composed = new ModelDeploymentStatus { LastEvaluatedTime = T0 };

        var status = JsonNode.Parse((string)StatusPatcher.BodyUnlessOnly(null, composed, Ignored)!.Content)!["status"]!.AsObject();

        Assert.Equal([Ignored], status.Select(p => p.Key));
    }
}
