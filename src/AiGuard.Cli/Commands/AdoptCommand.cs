using System.CommandLine;
using AiGuard.Cli.Adopt;

namespace AiGuard.Cli.Commands;

/// <summary>
/// AdoptCommand is <c>aiguard adopt KIND/NAME -n NS</c>: it prints a ModelDeployment equivalent to a workload found
/// running an inference server outside AiGuard (shadow AI), with a header saying what to review. Exit 0: printed;
/// 2: usage error, unknown workload, unreachable cluster or no model URI (nothing on stdout).
/// </summary>
public static class AdoptCommand
{
    public static Command Create()
    {
        var workload = new Argument<string>("KIND/NAME")
        {
            Description = "The workload: deployment/NAME, statefulset/NAME, daemonset/NAME or pod/NAME.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var @namespace = new Option<string?>("--namespace", "-n")
        {
            Description = "Namespace of the workload. Default: the kubeconfig context's namespace, else default.",
            HelpName = "NS",
        };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "Path of a kubeconfig. Default: $KUBECONFIG or ~/.kube/config (in a pod: its service account).",
            HelpName = "PATH",
        };
        var modelUri = new Option<string?>("--model-uri")
        {
            Description = "The model artifact (s3://, gs://, hf://, oci://, https://, pvc://) when the server's arguments do not name it.",
            HelpName = "URI",
        };
        var command = new Command("adopt", "Print a ModelDeployment equivalent to an unmanaged inference workload, for review.")
        {
            workload, @namespace, kubeconfig, modelUri,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            WorkloadReference reference;
            try
            {
                if (parse.UnmatchedTokens.Count > 0)
                {
                    throw new AdoptException($"unknown option or argument {CommentText.Sanitize(parse.UnmatchedTokens[0], 80)}");
                }

                reference = WorkloadReference.Parse(parse.GetValue(workload));
            }
            catch (AdoptException e)
            {
                await error.WriteLineAsync($"aiguard adopt: {e.Message}").ConfigureAwait(false);
                await error.WriteLineAsync("usage: aiguard adopt deployment/NAME [-n NS] [--kubeconfig PATH] [--model-uri URI]").ConfigureAwait(false);
                return AdoptExitCodes.Error;
            }

            var request = new AdoptRequest(reference, parse.GetValue(@namespace), parse.GetValue(kubeconfig), parse.GetValue(modelUri));
            return await AdoptRun.ExecuteAsync(request, parse.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
