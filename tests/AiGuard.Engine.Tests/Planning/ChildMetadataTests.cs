using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Planning;
using k8s.Models;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class ChildMetadataTests
{
    /// <summary>A model that produces every kind of child.</summary>
    private static DesiredState FullPlan(ModelDeployment? model = null)
    {
        model ??= Minimal();
        model.Spec.Secrets = [Sealed("hf-token", "token")];
        model.Spec.Access = new AccessSpec
        {
            ApiRules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] }],
            Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }],
            Viewers = [new AccessSubject { Kind = "Group", Name = "analysts" }],
        };
        return Plan(model, opened: Opened("hf-token", ("token", "t")));
    }

    [Fact]
    public void Every_child_has_kind_api_version_namespace_labels_and_a_controller_owner_reference()
    {
        var state = FullPlan();

        Assert.Equal(
            ["NetworkPolicy", "ServiceAccount", "Role", "Role", "Role", "RoleBinding", "RoleBinding", "RoleBinding", "Secret", "Service", "Deployment"],
            state.Children.Select(c => c.Kind));
        foreach (var child in state.Children)
        {
            Assert.False(string.IsNullOrEmpty(child.ApiVersion));
            Assert.Equal(Namespace, child.Metadata.NamespaceProperty);
            Assert.Equal(ExpectedChildLabels(), child.Metadata.Labels);
            var owner = Assert.Single(child.Metadata.OwnerReferences);
            Assert.Equal(
                ("aiguard.io/v1alpha1", "ModelDeployment", Name, Uid, true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        }
    }

    [Fact]
    public void No_child_carries_server_set_fields()
    {
        foreach (var child in FullPlan().Children)
        {
            Assert.Null(child.Metadata.ResourceVersion);
            Assert.Null(child.Metadata.CreationTimestamp);
            Assert.Null(child.Metadata.Uid);
            Assert.DoesNotContain("\"status\"", Wire(child), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Missing_namespace_means_default()
    {
        var model = Minimal();
        model.Metadata.NamespaceProperty = null;

        var state = FullPlan(model);

        Assert.Equal("default", state.Namespace);
        Assert.All(state.Children, c => Assert.Equal("default", c.Metadata.NamespaceProperty));
        Assert.Equal("default", state.RoleBindings[0].Subjects[0].NamespaceProperty);
    }

    [Fact]
    public void Children_do_not_share_mutable_metadata()
    {
        var state = FullPlan();

        state.Service.Metadata.Labels["tampered"] = "yes";

        Assert.All(state.Children.Where(c => !ReferenceEquals(c, state.Service)), c => Assert.False(c.Metadata.Labels.ContainsKey("tampered")));
    }

    [Fact]
    public void Model_without_a_name_is_rejected_naming_the_field()
    {
        var model = Minimal();
        model.Metadata.Name = null;

        var error = Assert.Throws<ArgumentException>(() => Plan(model));

        Assert.Contains("metadata.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Planning_is_repeatable()
    {
        var first = string.Join("\n", FullPlan().Children.Select(Wire));
        var second = string.Join("\n", FullPlan().Children.Select(Wire));

        Assert.Equal(first, second);
    }
}
