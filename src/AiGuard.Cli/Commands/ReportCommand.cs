using System.CommandLine;
using System.Globalization;
using AiGuard.Cli.Report;
using AiGuard.Operator.Hosting;

namespace AiGuard.Cli.Commands;

/// <summary>
/// ReportCommand is <c>aiguard report</c>: compliance of the ModelDeployments in a cluster by namespace and control,
/// the worst findings, the GuardExceptions about to expire and the AI workloads no ModelDeployment controls, as a table, Markdown, JSON or one self-contained HTML
/// file. It only reads. Exit 0: printed; 1: the cluster failed or is unreachable; 2: usage or kubeconfig error;
/// 3: forbidden to list what the report reads (see <see cref="ReportExitCodes"/>).
/// </summary>
public static class ReportCommand
{
    private const string Usage =
        "usage: aiguard report [--kubeconfig PATH] [-n NAMESPACE | -A] [--format table|markdown|json|html] [--expiring-within DAYS] [--top N] [--unmanaged]";

    private const int MaximumWindowDays = 365;
    private const int MaximumTop = 1000;

    /// <summary>The command, using the system clock.</summary>
    public static Command Create() => Create(TimeProvider.System);

    /// <summary>The command with a clock for the expiry window (tests).</summary>
    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var kubeconfig = Text("--kubeconfig", "PATH", "Kubeconfig (default: KUBECONFIG, ~/.kube/config, or in-cluster).");
        var ns = Text("--namespace", "NAMESPACE", "Report this namespace (default: the kubeconfig context's namespace).", "-n");
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Report every namespace." };
        var format = Text("--format", "table|markdown|json|html", "Output format: table (default), markdown, json, or html (one self-contained file with charts).");
        var within = Text("--expiring-within", "DAYS", $"List GuardExceptions that end within this many days (default {ReportRequest.DefaultExpiringWithinDays}).");
        var top = Text("--top", "N", $"How many of the worst findings to list (default {ReportRequest.DefaultTopFindings}).");
        var unmanaged = new Option<bool>("--unmanaged")
        {
            Description = "Print only the unmanaged AI workloads: Deployments, StatefulSets, DaemonSets, CronJobs, Jobs and bare Pods that run an inference server or ask for GPUs with no ModelDeployment controlling them.",
        };
        var command = new Command("report", "Report compliance by namespace and control, the worst findings, expiring GuardExceptions and unmanaged AI workloads, from the cluster.")
        {
            kubeconfig, ns, all, format, within, top, unmanaged,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var request = Parse(parse, kubeconfig, ns, all, format, within, top, out var problem);
            request = request is null ? null : request with { UnmanagedOnly = parse.GetValue(unmanaged) };
            if (request is null)
            {
                await error.WriteLineAsync($"aiguard report: {problem}").ConfigureAwait(false);
                await error.WriteLineAsync(Usage).ConfigureAwait(false);
                return ReportExitCodes.UsageError;
            }

            return await ReportRun.ExecuteAsync(request, parse.InvocationConfiguration.Output, error, clock, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static ReportRequest? Parse(ParseResult parse, Option<string?> kubeconfig, Option<string?> ns, Option<bool> all, Option<string?> format,
        Option<string?> within, Option<string?> top, out string problem)
    {
        problem = "";
        if (parse.UnmatchedTokens.Count > 0)
        {
            problem = $"unknown option or argument {parse.UnmatchedTokens[0]}";
            return null;
        }

        foreach (var option in new[] { kubeconfig, ns, format, within, top })
        {
            if (parse.GetResult(option) is { } result && result.Tokens.Count < result.IdentifierTokenCount)
            {
                problem = $"{option.Name} needs a value";
                return null;
            }
        }

        var namespaceValue = parse.GetValue(ns);
        var allNamespaces = parse.GetValue(all);
        if (namespaceValue is not null && allNamespaces)
        {
            problem = "-n and -A exclude each other: report one namespace or all of them";
            return null;
        }

        if (namespaceValue is not null && !KubernetesNames.IsDnsLabel(namespaceValue))
        {
            problem = $"-n '{namespaceValue}' is not a namespace name: use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit";
            return null;
        }

        var formatValue = parse.GetValue(format) ?? "table";
        if (ClusterReportFormats.For(formatValue) is null)
        {
            problem = $"--format must be one of {string.Join(", ", ClusterReportFormats.Names)}; got '{formatValue}'";
            return null;
        }

        var days = Count(parse.GetValue(within), ReportRequest.DefaultExpiringWithinDays, MaximumWindowDays);
        if (days is null)
        {
            problem = $"--expiring-within must be a whole number of days from 0 to {MaximumWindowDays}; got '{parse.GetValue(within)}'";
            return null;
        }

        var topValue = Count(parse.GetValue(top), ReportRequest.DefaultTopFindings, MaximumTop);
        if (topValue is null)
        {
            problem = $"--top must be a whole number from 0 to {MaximumTop}; got '{parse.GetValue(top)}'";
            return null;
        }

        return new ReportRequest(parse.GetValue(kubeconfig), namespaceValue, allNamespaces, formatValue, TimeSpan.FromDays(days.Value), topValue.Value);
    }

    // "14" or "14d" for days; null for anything else or out of range.
    private static int? Count(string? text, int fallback, int maximum)
    {
        if (text is null)
        {
            return fallback;
        }

        var digits = text.EndsWith('d') ? text[..^1] : text;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= maximum ? value : null;
    }

    private static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
        new(name, aliases) { HelpName = helpName, Description = description, Arity = ArgumentArity.ZeroOrOne };
}
