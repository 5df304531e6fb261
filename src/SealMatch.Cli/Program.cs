using System.CommandLine;
using SealMatch.Cli.Commands;

var root = new RootCommand("SealMatch: seal verification engine tools (find and compare seals, evaluate, calibrate, generate test data).");
root.Subcommands.Add(SealsCommands.Build());
root.Subcommands.Add(EvalCommands.Build());
root.Subcommands.Add(CalibrateCommands.Build());
root.Subcommands.Add(SynthCommands.Build());
return root.Parse(args).Invoke();
