using System.CommandLine;
using System.Globalization;
using AiGuard.Api.Policies;
using AiGuard.Cli.Audit;
using AiGuard.Cli.Audit.Formats;

namespace AiGuard.Cli.Commands;

/// <summary>
/// AuditCommand is <c>aiguard audit</c>: it evaluates ModelDeployments in files (or standard input) with the same
/// engine as the operator, for CI pipelines and GitOps repositories. Exit 0: pass; 1: an unwaived finding at or
/// above --fail-on; 2: usage or input error (including a spec the API server would reject).
/// </summary>
public static class AuditCommand
{
    private static readonly string[] FailOnValues = [Severities.Critical, Severities.High, Severities.Medium, Severities.Low, "none"];

    /// <summary>The command reading standard input from the console.</summary>
    public static Command Create() => Create(Console.In);

    /// <summary>The command reading <c>-</c> from <paramref name="stdin"/> (tests pass a StringReader).</summary>
    public static Command Create(TextReader stdin)
    {
        // Options are parsed leniently and checked in the action, so that every usage error exits 2 with one message.
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or directories (recursively: *.yaml, *.yml, *.json) to audit; '-' reads standard input. "
                + $"At most {InputLimits.Describe(InputLimits.PerFileBytes)} per file and {InputLimits.Describe(InputLimits.TotalBytes)} in total (with --policy files).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var policy = new Option<string[]>("--policy")
        {
            Description = "A file or directory of GuardPolicies, GuardExceptions and Namespaces that apply (repeatable). "
                + "When given, GuardPolicies and GuardExceptions come only from these paths: those in the audited inputs are ignored and listed, so a change cannot waive its own findings.",
            HelpName = "PATH",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var now = new Option<string?>("--now")
        {
            Description = "The clock for exception expiry, RFC 3339 (default: the current UTC time).",
            HelpName = "RFC3339",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string?>("--format")
        {
            Description = "Output format: table (default), json, sarif, junit or markdown.",
            HelpName = "table|json|sarif|junit|markdown",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit 1 when an unwaived finding is at or above this severity: critical, high (default), medium, low or none.",
            HelpName = "critical|high|medium|low|none",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var sealingKey = new Option<string[]>("--sealing-key")
        {
            Description = "The operator's sealing private key, to check that sealed values open (AIG-SEC-03): a PEM file (key, optionally with its certificate), a kubernetes.io/tls Secret from `kubectl get secret -o yaml`, or a directory of them (repeatable).",
            HelpName = "PATH",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var vulnerabilities = new Option<string[]>("--vulnerabilities")
        {
            Description = "Trivy JSON (`trivy image -f json`) of the images the models run, a file or a directory (repeatable): with a GuardPolicy's images.vulnerabilities, AIG-IMG-03 fails for the vulnerabilities they list.",
            HelpName = "FILE|DIR",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("audit", "Evaluate ModelDeployments in files against the AiGuard controls, offline.")
        {
            paths, policy, now, format, failOn, sealingKey, vulnerabilities,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var request = Parse(parse, paths, policy, now, format, failOn, sealingKey, out var problem);
            request = request is null ? null : WithVulnerabilities(request, parse, vulnerabilities, ref problem);
            if (request is null)
            {
                error.WriteLine($"aiguard audit: {problem}");
                error.WriteLine("usage: aiguard audit PATH... [--policy PATH]... [--now RFC3339] [--format table|json|sarif|junit|markdown] [--fail-on critical|high|medium|low|none] [--sealing-key PATH]... [--vulnerabilities FILE|DIR]...");
                return AuditExitCodes.InputError;
            }
            return AuditRun.Execute(request, stdin, output, error);
        });
        return command;
    }

    private static AuditRequest? WithVulnerabilities(AuditRequest request, ParseResult parse, Option<string[]> vulnerabilities, ref string problem)
    {
        var values = parse.GetValue(vulnerabilities) ?? [];
        if (parse.GetResult(vulnerabilities) is not null && values.Length == 0)
        {
            problem = "--vulnerabilities needs a Trivy JSON file or a directory of them";
            return null;
        }
        return request with { VulnerabilityPaths = values };
    }

    private static AuditRequest? Parse(ParseResult parse, Argument<string[]> paths, Option<string[]> policy, Option<string?> now,
        Option<string?> format, Option<string?> failOn, Option<string[]> sealingKey, out string problem)
    {
        problem = "";
        var pathValues = parse.GetValue(paths) ?? [];
        var unknown = parse.UnmatchedTokens.Concat(pathValues.Where(p => p.StartsWith('-') && p != "-")).ToList();
        if (unknown.Count > 0)
        {
            problem = $"unknown option or argument {unknown[0]}";
            return null;
        }
        if (pathValues.Length == 0)
        {
            problem = "name at least one file or directory to audit, or '-' for standard input";
            return null;
        }
        var policyValues = parse.GetValue(policy) ?? [];
        if (parse.GetResult(policy) is not null && policyValues.Length == 0)
        {
            problem = "--policy needs a file or directory";
            return null;
        }
        var sealingKeyValues = parse.GetValue(sealingKey) ?? [];
        if (parse.GetResult(sealingKey) is not null && sealingKeyValues.Length == 0)
        {
            problem = "--sealing-key needs a key file or directory";
            return null;
        }
        var clock = DateTimeOffset.UtcNow;
        if (parse.GetResult(now) is not null)
        {
            var text = parse.GetValue(now);
            if (string.IsNullOrEmpty(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out clock))
            {
                problem = $"--now needs an RFC 3339 time such as 2026-11-25T10:00:00Z; got '{text}'";
                return null;
            }
        }
        var formatValue = parse.GetResult(format) is null ? "table" : parse.GetValue(format) ?? "";
        if (ReportFormats.For(formatValue) is null)
        {
            problem = $"--format must be one of {string.Join(", ", ReportFormats.Names)}; got '{formatValue}'";
            return null;
        }
        var failOnValue = parse.GetResult(failOn) is null ? Severities.High : parse.GetValue(failOn) ?? "";
        if (!FailOnValues.Contains(failOnValue))
        {
            problem = $"--fail-on must be one of {string.Join(", ", FailOnValues)}; got '{failOnValue}'";
            return null;
        }
        return new AuditRequest(pathValues, policyValues, clock, formatValue, failOnValue == "none" ? null : failOnValue, sealingKeyValues);
    }
}
