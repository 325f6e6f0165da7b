using System.CommandLine;

namespace AiGuard.Cli.Commands;

/// <summary>
/// VersionCommand prints the aiguard version, the commit it was built from and the API version it serves. The
/// version comes first on the line so scripts can compare it with an image tag or a chart's appVersion.
/// </summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the aiguard version.");
        command.SetAction(parse =>
        {
            var revision = ProductVersion.Revision is { } commit ? $"commit {commit}, " : "";
            parse.InvocationConfiguration.Output.WriteLine($"aiguard {ProductVersion.Semantic} ({revision}API {AiGuard.Api.ApiGroup.GroupVersion})");
            return 0;
        });
        return command;
    }
}
