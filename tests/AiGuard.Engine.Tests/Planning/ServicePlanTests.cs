using AiGuard.Api;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class ServicePlanTests
{
    [Fact]
    public void Service_is_cluster_ip_on_the_serving_port_targeting_the_named_container_port()
    {
        var model = Minimal();
        model.Spec.Serving.Port = 8000;

        var service = Plan(model).Service;

        Assert.Equal(("v1", "Service", Name), (service.ApiVersion, service.Kind, service.Metadata.Name));
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal(new Dictionary<string, string> { [ApiGroup.ModelDeploymentLabel] = Name }, service.Spec.Selector);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(("http", 8000, "http", "TCP"), (port.Name, port.Port, (string)port.TargetPort, port.Protocol));
    }

    [Fact]
    public void Service_port_defaults_to_8080()
    {
        Assert.Equal(8080, Assert.Single(Plan(Minimal()).Service.Spec.Ports).Port);
    }
}
