using System.CommandLine;
using AiGuard.Api.Crds;

namespace AiGuard.Cli.Commands;

/// <summary>
/// CrdsCommand prints the aiguard.io CustomResourceDefinitions generated from the API types, or writes them as
/// config/crd/bases-style files (<c>aiguard.io_&lt;plural&gt;.yaml</c>) into a directory.
/// </summary>
public static class CrdsCommand
{
    public static Command Create()
    {
        var outputDir = new Option<DirectoryInfo?>("--output-dir")
        {
            Description = "Write one file per CRD (aiguard.io_<plural>.yaml) into this directory instead of printing them.",
        };
        var command = new Command("crds", "Print the aiguard.io CustomResourceDefinitions as multi-document YAML.")
        {
            outputDir,
        };
        command.SetAction(parse =>
        {
            var crds = CrdGenerator.GenerateAll();
            var directory = parse.GetValue(outputDir);
            if (directory is null)
            {
                parse.InvocationConfiguration.Output.Write(CrdYaml.Serialize(crds));
                return 0;
            }

            try
            {
                Directory.CreateDirectory(directory.FullName);
                foreach (var crd in crds)
                {
                    var path = Path.Combine(directory.FullName, CrdYaml.FileName(crd));
                    File.WriteAllText(path, CrdYaml.Serialize(crd));
                    parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"aiguard crds: cannot write to --output-dir {directory.FullName}: {e.Message}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
