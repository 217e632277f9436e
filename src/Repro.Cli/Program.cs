using System.CommandLine;
using Repro.Cli.Commands;

var root = new RootCommand("repro: regenerates the figures and tables of 'Training Instabilities Induce Flatness Bias in Gradient Descent'.");
CommonOptions.AddTo(root);
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RenderCommand.Create());
root.Subcommands.Add(MergeCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(CurvatureCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(DataCommand.Create());
return root.Parse(args).Invoke();
