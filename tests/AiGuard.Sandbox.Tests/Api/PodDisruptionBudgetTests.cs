using System.Net;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>policy/v1 PodDisruptionBudgets: served with kube-apiserver's validation and a disruption controller's status.</summary>
public sealed class PodDisruptionBudgetTests : SandboxFixture
{
    protected override SandboxOptions Options => new() { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(50) };

    private static readonly Dictionary<string, string> AppLabels = new() { ["app"] = "web" };

    private static V1PodDisruptionBudget Budget(string name, IntOrString? minAvailable = null, IntOrString? maxUnavailable = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = minAvailable,
            MaxUnavailable = maxUnavailable,
            Selector = new V1LabelSelector { MatchLabels = AppLabels },
        },
    };

    [Fact]
    public async Task A_budget_reports_the_healthy_replicas_of_the_deployment_it_selects()
    {
        var created = await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("web", minAvailable: 1), "default");
        Assert.Equal(0, created.Status.ExpectedPods);

        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("web", replicas: 2), "default");

        var budget = await Eventually.ReturnsAsync(
            () => Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("web", "default"),
            b => b.Status.CurrentHealthy == 2,
            "the budget to count the deployment's ready replicas",
            TimeSpan.FromSeconds(20));
        Assert.Equal(2, budget.Status.ExpectedPods);
        Assert.Equal(1, budget.Status.DesiredHealthy);
        Assert.Equal(1, budget.Status.DisruptionsAllowed);
        Assert.Equal(budget.Metadata.Generation, budget.Status.ObservedGeneration);
        var condition = Assert.Single(budget.Status.Conditions);
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), (condition.Type, condition.Status, condition.Reason));
    }

    [Fact]
    public async Task A_budget_with_nothing_to_protect_allows_no_disruption()
    {
        await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("lonely", maxUnavailable: "50%"), "default");

        var budget = await Eventually.ReturnsAsync(
            () => Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("lonely", "default"),
            b => b.Status.Conditions is { Count: > 0 },
            "the budget's status",
            TimeSpan.FromSeconds(20));
        Assert.Equal(0, budget.Status.DisruptionsAllowed);
        Assert.Equal("InsufficientPods", budget.Status.Conditions.Single().Reason);
    }

    [Fact]
    public async Task A_status_written_by_a_client_does_not_stick_on_the_main_resource()
    {
        var budget = Budget("forged", minAvailable: 1);
        budget.Status = new V1PodDisruptionBudgetStatus { DisruptionsAllowed = 100, CurrentHealthy = 100, DesiredHealthy = 0, ExpectedPods = 100 };

        var created = await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(budget, "default");

        Assert.Equal(0, created.Status.DisruptionsAllowed);
    }

    [Fact]
    public async Task Invalid_budgets_are_rejected_naming_the_field_and_not_stored()
    {
        var both = await Assert.ThrowsAsync<HttpOperationException>(
            () => Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("both", minAvailable: 1, maxUnavailable: 1), "default"));
        var overHundred = await Assert.ThrowsAsync<HttpOperationException>(
            () => Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("over", minAvailable: "150%"), "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.Response.StatusCode);
        Assert.Contains("minAvailable and maxUnavailable cannot be both set", both.Response.Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overHundred.Response.StatusCode);
        Assert.Contains("spec.minAvailable", overHundred.Response.Content, StringComparison.Ordinal);
        Assert.Empty((await Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync("default")).Items);
    }

    [Fact]
    public async Task A_resource_the_sandbox_does_not_serve_is_a_404_naming_it()
    {
        using var http = Server.CreateHttpClient();

        using var response = await http.PostAsync("/apis/policy/v1beta1/namespaces/default/poddisruptionbudgets", new StringContent("{}"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"reason\":\"NotFound\"", body, StringComparison.Ordinal);
        Assert.Contains("poddisruptionbudgets in policy/v1beta1 is not served", body, StringComparison.Ordinal);
    }
}
