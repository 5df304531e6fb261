using System.CommandLine;
using SealMatch.Cli.Commands;

var root = new RootCommand("SealMatch: seal verification engine tools (find and compare seals, evaluate, calibrate, generate test data) and the operator client of the SealMatch service (accounts, specimens, verify, credentials, reviews, audit, reports, demo).");
root.Subcommands.Add(SealsCommands.Build());
root.Subcommands.Add(SignaturesCommands.Build());
root.Subcommands.Add(EvalCommands.Build());
root.Subcommands.Add(CalibrateCommands.Build());
root.Subcommands.Add(ExportCommands.Build());
root.Subcommands.Add(SynthCommands.Build());
root.Subcommands.Add(AccountsCommands.Build());
root.Subcommands.Add(SpecimensCommands.Build());
root.Subcommands.Add(VerifyCommands.BuildVerify());
root.Subcommands.Add(VerifyCommands.BuildVerifications());
root.Subcommands.Add(CredentialsCommands.Build());
root.Subcommands.Add(TemplatesCommands.Build());
root.Subcommands.Add(ReviewsCommands.Build());
root.Subcommands.Add(AuditCommands.Build());
root.Subcommands.Add(ReportsCommands.Build());
root.Subcommands.Add(DemoCommand.Build());
int exit = await root.Parse(args).InvokeAsync();
if (SealMatch.Engine.Profiling.Enabled)
{
    Console.Error.WriteLine(SealMatch.Engine.Profiling.Report());
}

return exit;
