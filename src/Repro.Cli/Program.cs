using System.CommandLine;
using Repro.Cli.Commands;

var root = new RootCommand("repro: regenerates the figures and tables of 'Training Instabilities Induce Flatness Bias in Gradient Descent'.");
root.Subcommands.Add(VersionCommand.Create());
return root.Parse(args).Invoke();
