using System.CommandLine;
using SealMatch.Cli.Commands;

var root = new RootCommand("SealMatch: seal verification engine tools (find and compare seals, evaluate, calibrate, generate test data).");
root.Subcommands.Add(SealsCommands.Build());
root.Subcommands.Add(EvalCommands.Build());
root.Subcommands.Add(CalibrateCommands.Build());
root.Subcommands.Add(SynthCommands.Build());
int exit = root.Parse(args).Invoke();
if (SealMatch.Engine.Profiling.Enabled)
{
    Console.Error.WriteLine(SealMatch.Engine.Profiling.Report());
}

return exit;
