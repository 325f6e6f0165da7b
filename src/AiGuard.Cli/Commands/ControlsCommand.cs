using System.CommandLine;
using AiGuard.Cli.Catalog;
using AiGuard.Engine.Controls;

namespace AiGuard.Cli.Commands;

/// <summary>ControlsCommand prints the control catalog: what AiGuard checks, where, and how to fix a failure.</summary>
public static class ControlsCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "table (default) or markdown",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "markdown");

        var command = new Command("controls", "List the controls AiGuard evaluates.") { format };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "markdown")
            {
                output.Write(ControlCatalogMarkdown.Render());
                return 0;
            }

            foreach (var control in ControlCatalog.All)
            {
                output.WriteLine($"{control.Id,-12} {control.DefaultSeverity,-9} {control.Area,-16} {control.Title}");
            }

            return 0;
        });
        return command;
    }
}
