using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Engine.Tests.Samples;

/// <summary>Builds image scans the way Trivy reports them (upper-case severities, package versions).</summary>
public static class Scans
{
    public static ImageVulnerability Vulnerability(string id, string severity, string? fixedVersion = "3.0.2", string package = "openssl") =>
        new(id, severity, package, "3.0.1", fixedVersion);

    public static ImageScan Of(string repository, string? tag, string? digest, params ImageVulnerability[] vulnerabilities) =>
        new("VulnerabilityReport ml-prod/replicaset-fraud-scorer-7d9f-model", repository, tag is null ? [] : [tag], digest is null ? [] : [digest], vulnerabilities);
}
