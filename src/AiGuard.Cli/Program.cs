using System.CommandLine;
using AiGuard.Api.Quantities;
using AiGuard.Cli.Commands;

// First, before anything reads an object: quantities are read in bounded time (one huge exponent could stall us).
SafeKubernetesJson.Install();

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
