using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>ServicePlan builds the ClusterIP Service in front of the model's pods, on the serving port.</summary>
internal static class ServicePlan
{
    public static V1Service Build(PlanningContext context) => new()
    {
        ApiVersion = "v1",
        Kind = V1Service.KubeKind,
        Metadata = context.ChildMetadata(context.Name),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = context.PodSelectorLabels(),
            Ports =
            [
                new V1ServicePort
                {
                    Name = DeploymentPlan.PortName,
                    Port = context.ServingPort,
                    TargetPort = DeploymentPlan.PortName,
                    Protocol = "TCP",
                },
            ],
        },
    };
}
