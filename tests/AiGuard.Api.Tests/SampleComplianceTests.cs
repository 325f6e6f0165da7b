using System.Net;
using System.Text.RegularExpressions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Tests.Support;

namespace AiGuard.Api.Tests;

/// <summary>
/// The samples say what they claim under the baseline policy (controls.md): the two compliant ones meet each
/// offline-checkable pass rule, the non-compliant one breaks each rule its comments name. These are facts about the
/// sample files, kept deliberately literal; the engine's own tests evaluate the controls themselves.
/// </summary>
public sealed partial class SampleComplianceTests
{
    public static TheoryData<string> Compliant => ["modeldeployment-vllm-hardened.yaml", "modeldeployment-triton-allowlist.yaml"];

    [Fact]
    public void Baseline_selects_the_sample_namespace()
    {
        var ns = k8s.KubernetesYaml.Deserialize<k8s.Models.V1Namespace>(Samples.Text("namespace-ml-prod.yaml"));
        var selector = Samples.Baseline.Spec.NamespaceSelector!;

        Assert.Null(selector.MatchExpressions);
        Assert.All(selector.MatchLabels, l => Assert.Equal(l.Value, ns.Metadata.Labels[l.Key]));
        Assert.All(Samples.FileNames.Where(f => f.StartsWith("model", StringComparison.Ordinal)),
            f => Assert.Equal(ns.Metadata.Name, Samples.ModelDeployment(f).Metadata.NamespaceProperty));
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public void Compliant_sample_images_are_allowed_pinned_and_patched(string fileName)
    {
        var policy = Samples.Baseline.Spec.Images!;
        var image = ImageRef.Parse(Samples.ModelDeployment(fileName).Spec.Serving.Image);

        Assert.Contains(policy.AllowedRegistries!, r => image.Repository == r || image.Repository.StartsWith(r + "/", StringComparison.Ordinal)); // AIG-IMG-01
        Assert.Matches("^[a-f0-9]{64}$", image.Digest ?? ""); // AIG-IMG-02 with requireDigest
        foreach (var minimum in policy.MinimumVersions!.Where(m => ImageRef.Parse(m.Repository).Repository == image.Repository))
        {
            Assert.True(CompareVersions(image.Version!, minimum.Version) >= 0, $"{image.Version} < {minimum.Version}"); // AIG-IMG-03
        }
    }

    [Fact]
    public void The_vllm_sample_is_the_one_the_minimum_version_governs()
    {
        var image = ImageRef.Parse(Samples.ModelDeployment("modeldeployment-vllm-hardened.yaml").Spec.Serving.Image);
        var minimum = Assert.Single(Samples.Baseline.Spec.Images!.MinimumVersions!);

        Assert.Equal(image.Repository, ImageRef.Parse(minimum.Repository).Repository);
        Assert.Equal(["CVE-2024-8939"], minimum.Advisories);
        Assert.Equal("0.6.4", minimum.Version);
        Assert.Matches("@sha256:[a-f0-9]{64}$", minimum.PatchedImage!);
    }

    [Theory]
    [MemberData(nameof(Compliant))]
    public void Compliant_samples_are_isolated_sealed_least_privileged_hardened_pinned_and_governed(string fileName)
    {
        var spec = Samples.ModelDeployment(fileName).Spec;
        var baseline = Samples.Baseline.Spec;

        Assert.All(spec.Network!.Ingress!, rule => Assert.All(rule.From!, peer => Assert.False(IsOpen(peer)))); // AIG-NET-01
        Assert.All(spec.Network.Ingress!, rule => Assert.NotEmpty(rule.From!));
        Assert.All(spec.Network.Egress ?? [], rule => Assert.All(rule.To!, peer =>
        {
            var cidr = IPNetwork.Parse(peer.IpBlock!.Cidr);
            Assert.True(IsPrivate(cidr)); // AIG-NET-02
            Assert.Contains(baseline.Network!.AllowedEgressCidrs!, allowed => Inside(cidr, IPNetwork.Parse(allowed)));
        }));
        Assert.All(spec.Secrets ?? [], s => Assert.True(s.ExistingSecret is null && s.Expose != SecretExposure.Env)); // AIG-SEC-01/02
        Assert.False(spec.Access!.AutomountServiceAccountToken == true && (spec.Access.ApiRules ?? []).Count == 0); // AIG-RBAC-01
        Assert.Empty(spec.Access.ApiRules ?? []); // AIG-RBAC-02 trivially
        Assert.False(Weakens(spec.Serving.SecurityContext)); // AIG-POD-01
        Assert.Matches("^[a-f0-9]{64}$", spec.Model.Sha256 ?? ""); // AIG-MOD-01
        Assert.Contains(baseline.Models!.AllowedSources!, prefix => spec.Model.Uri.StartsWith(prefix, StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(spec.Owner)); // AIG-GOV-01
        Assert.NotNull(spec.RiskLevel);
    }

    [Fact]
    public void Noncompliant_sample_breaks_every_rule_it_names()
    {
        var md = Samples.ModelDeployment("modeldeployment-noncompliant.yaml");
        var spec = md.Spec;
        var image = ImageRef.Parse(spec.Serving.Image);
        var baseline = Samples.Baseline.Spec;

        Assert.True(string.IsNullOrEmpty(spec.Owner)); // AIG-GOV-01
        Assert.Null(spec.Model.Sha256); // AIG-MOD-01: not pinned ...
        Assert.DoesNotContain("@", spec.Model.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain(baseline.Models!.AllowedSources!, p => spec.Model.Uri.StartsWith(p, StringComparison.Ordinal)); // ... nor allowed
        Assert.Equal(("latest", null), (image.Tag, image.Digest)); // AIG-IMG-02, AIG-IMG-03 (no version)
        Assert.Contains(spec.Network!.Ingress!, rule => rule.From is null || rule.From.Count == 0); // AIG-NET-01
        Assert.Contains(spec.Network.Egress!, rule => rule.To!.Any(p => p.IpBlock?.Cidr == "0.0.0.0/0")); // AIG-NET-02
        Assert.Contains(spec.Secrets!, s => s.ExistingSecret is not null); // AIG-SEC-01
        Assert.Contains(spec.Secrets!, s => s.Expose == SecretExposure.Env); // AIG-SEC-02
        Assert.True(spec.Access!.AutomountServiceAccountToken == true && spec.Access.ApiRules is null); // AIG-RBAC-01
        Assert.True(spec.Serving.SecurityContext!.Privileged); // AIG-POD-01
        Assert.True(Weakens(spec.Serving.SecurityContext));
        Assert.Equal(EnforcementModes.Audit, spec.Enforcement); // overridden by the baseline's Enforce
        Assert.Equal(EnforcementModes.Enforce, baseline.Enforcement);
    }

    private static bool IsOpen(NetworkPeer peer) =>
        (peer.NamespaceSelector is { MatchLabels: null or { Count: 0 }, MatchExpressions: null or { Count: 0 } } && peer.PodSelector is null)
        || peer.IpBlock?.Cidr is "0.0.0.0/0" or "::/0"
        || (peer.NamespaceSelector is null && peer.PodSelector is null && peer.IpBlock is null);

    private static bool IsPrivate(IPNetwork cidr) =>
        new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10" }.Any(p => Inside(cidr, IPNetwork.Parse(p)));

    private static bool Inside(IPNetwork inner, IPNetwork outer) =>
        outer.Contains(inner.BaseAddress) && inner.PrefixLength >= outer.PrefixLength;

    private static bool Weakens(SecurityContextSpec? sc) =>
        sc is not null && (sc.RunAsNonRoot == false || sc.RunAsUser == 0 || sc.ReadOnlyRootFilesystem == false
            || sc.AllowPrivilegeEscalation == true || sc.Privileged == true || (sc.Capabilities?.Add?.Count ?? 0) > 0);

    private static int CompareVersions(string left, string right)
    {
        var a = left.TrimStart('v').Split('.').Select(int.Parse).ToArray();
        var b = right.TrimStart('v').Split('.').Select(int.Parse).ToArray();
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var c = (i < a.Length ? a[i] : 0).CompareTo(i < b.Length ? b[i] : 0);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>A container image reference normalized like the runtime (controls.md, Image references).</summary>
    private sealed partial record ImageRef(string Repository, string? Tag, string? Digest)
    {
        public string? Version => Tag is null ? null : LeadingVersion().Match(Tag) is { Success: true } m ? m.Groups[1].Value : null;

        public static ImageRef Parse(string reference)
        {
            var (name, digest) = reference.Split('@') is [var n, var d] ? (n, d["sha256:".Length..]) : (reference, null);
            var slash = name.LastIndexOf('/');
            var colon = name.LastIndexOf(':');
            var (repository, tag) = colon > slash ? (name[..colon], name[(colon + 1)..]) : (name, null);
            var first = repository.Split('/')[0];
            if (!repository.Contains('/'))
            {
                repository = "docker.io/library/" + repository;
            }
            else if (!(first.Contains('.') || first.Contains(':') || first == "localhost"))
            {
                repository = "docker.io/" + repository;
            }

            return new ImageRef(repository, tag, digest);
        }

        [GeneratedRegex("^v?([0-9]+(\\.[0-9]+)*)")]
        private static partial Regex LeadingVersion();
    }
}
