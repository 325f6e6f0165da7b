using AiGuard.Operator.Hosting;
using Spectre.Console;

namespace AiGuard.Cli.Demo;

/// <summary>DemoInstructions prints the kubectl commands a user can paste while <c>aiguard demo --keep-running</c> waits.</summary>
public static class DemoInstructions
{
    /// <summary>Prints the kubeconfig export and the commands to try.</summary>
    public static void Print(IAnsiConsole console, string kubeconfig, OperatorHost host, string logPath)
    {
        var lines = new[]
        {
            "# point kubectl at the demo cluster",
            $"export KUBECONFIG={kubeconfig}",
            "kubectl get md -n ml-prod",
            "kubectl get md chat-playground -n ml-prod -o yaml        # findings and conditions",
            "",
            "# quarantine a model: its NetworkPolicy becomes deny-all",
            "kubectl annotate md support-assistant -n ml-prod aiguard.io/quarantine=\"suspected data exfiltration\"",
            "kubectl get md support-assistant -n ml-prod",
            "kubectl get networkpolicy support-assistant -n ml-prod -o yaml",
            "kubectl annotate md support-assistant -n ml-prod aiguard.io/quarantine-   # lift it",
            "",
            "# break a NetworkPolicy and watch the operator heal it",
            "kubectl delete networkpolicy credit-scorer -n ml-prod",
            "kubectl get networkpolicy -n ml-prod -w",
            "",
            $"# operator endpoints: {host.HealthAddress}readyz  {host.MetricsAddress}metrics  {host.MetricsAddress}v1/cert.pem",
            $"# operator log: {logPath}",
        };
        console.WriteLine();
        console.Write(new Panel(new Text(string.Join('\n', lines))).Header("try it (Ctrl-C stops the demo)").Border(BoxBorder.Rounded));
    }
}
