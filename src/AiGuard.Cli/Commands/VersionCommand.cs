using System.CommandLine;
using System.Reflection;

namespace AiGuard.Cli.Commands;

/// <summary>VersionCommand prints the aiguard version and the API version it serves.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the aiguard version.");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine($"aiguard {version} (API {AiGuard.Api.ApiGroup.GroupVersion})");
            return 0;
        });
        return command;
    }
}
