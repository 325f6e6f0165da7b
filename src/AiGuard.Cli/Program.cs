using System.CommandLine;
using AiGuard.Cli.Commands;

// Each subcommand lives in Commands/<Name>Command.cs and exposes Create(); this file only lists them.
var root = new RootCommand("AiGuard: secure-by-default guardrails for AI model deployments on Kubernetes.")
{
    VersionCommand.Create(),
    AuditCommand.Create(),
    AdoptCommand.Create(),
    SealCommand.Create(),
    CrdsCommand.Create(),
    ControlsCommand.Create(),
    SandboxCommand.Create(),
    OperatorCommand.Create(),
    DemoCommand.Create(),
    ReportCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
