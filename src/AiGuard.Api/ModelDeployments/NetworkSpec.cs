using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;
using YamlDotNet.Serialization;

namespace AiGuard.Api.ModelDeployments;

/// <summary>NetworkSpec declares who may call the model and where the model may connect.</summary>
public sealed class NetworkSpec
{
    [Description("Who may call the model. Absent: only same-namespace pods labelled aiguard.io/client-of=<name>.")]
    [ItemLimits(maxItems: 64)]
    [JsonPropertyName("ingress")] public List<IngressRule>? Ingress { get; set; }

    [Description("Where the model may connect. Absent: nowhere (DNS aside).")]
    [ItemLimits(maxItems: 64)]
    [JsonPropertyName("egress")] public List<EgressRule>? Egress { get; set; }

    [Description("Allow egress to kube-dns on 53/UDP and 53/TCP (default true).")]
    [DefaultValue(true)]
    // KubernetesYaml camelCases C# names ("allowDns"); without the alias the field is silently dropped from YAML.
    [YamlMember(Alias = "allowDNS")]
    [JsonPropertyName("allowDNS")] public bool? AllowDns { get; set; }
}
