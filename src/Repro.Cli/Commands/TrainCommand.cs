using System.CommandLine;
using Repro.Cli.ConsoleText;
using Repro.Core;
using Repro.Core.Data;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Specs;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro train</c>: one ad-hoc run into a folder. Its flags are the YAML run fields in kebab-case, generated from
/// <see cref="RunFields"/>, and go through the same validation and the same <see cref="RunSettings.TrainingSpec"/> mapping as
/// experiment files, so an ad-hoc run and a pipeline run of the same fields are the same run.
/// </summary>
public static class TrainCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Folder for metrics.csv, spec.json, outcome.json and checkpoints/; a checkpoint of the same run there is resumed.",
        Required = true,
    };

    /// <summary>On the command line the model and optimizer default to the paper's MLP and full-batch GD.</summary>
    private static readonly Dictionary<string, string> CommandLineDefaults = new() { [RunFields.Model.Name] = "mlp", [RunFields.Optimizer.Name] = "gd" };

    public static Command Create()
    {
        var command = new Command("train", "Train one run and write metrics.csv (and checkpoints) into --out. Flags mirror the YAML run fields.");
        var fields = RunFields.All.Where(f => f.AppliesTo("mlp")).ToList();
        var options = fields.ToDictionary(f => f.Name, Option);
        foreach (var option in options.Values) command.Options.Add(option);
        command.Options.Add(Out);
        command.Options.Add(TimeBudget.Option);
        command.Options.Add(CheckpointInterval.Option);
        command.SetAction(parse => CommonOptions.Guard(() => Run(parse, fields, options)));
        return command;
    }

    private static Option Option(RunField field)
    {
        string help = field.Help + (field.Default is { } d ? $" Default: {d}." : "")
                      + (CommandLineDefaults.TryGetValue(field.Name, out var cli) ? $" Default: {cli}." : "");
        return field.Kind == FieldKind.Boolean
            ? new Option<bool>(field.Flag) { Description = help }
            : new Option<string?>(field.Flag) { Description = help };
    }

    private static RunConfig Config(ParseResult parse, IReadOnlyList<RunField> fields, IReadOnlyDictionary<string, Option> options)
    {
        var set = new Dictionary<string, FieldValue>();
        foreach (var field in fields)
        {
            if (options[field.Name] is Option<bool> flag)
            {
                if (parse.GetValue(flag)) set[field.Name] = FieldValue.Boolean(true);
            }
            else if ((parse.GetValue((Option<string?>)options[field.Name]) ?? CommandLineDefaults.GetValueOrDefault(field.Name)) is { } text)
            {
                set[field.Name] = FieldText.Parse(field, text);
            }
        }
        try
        {
            return RunConfig.Complete(set);
        }
        catch (ArgumentException e) when (e.Message.StartsWith("missing required field", StringComparison.Ordinal))
        {
            throw new ArgumentException(e.Message.Replace("field '", "flag --").TrimEnd('\''));
        }
    }

    private static int Run(ParseResult parse, IReadOnlyList<RunField> fields, IReadOnlyDictionary<string, Option> options)
    {
        var spec = Config(parse, fields, options).Settings.TrainingSpec();
        using var interruption = new Interruption(Console.Error);
        using var budget = TimeBudget.Start(parse, Console.Error);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, interruption.Token);
        var checkpointInterval = CheckpointInterval.Of(parse);
        TorchRuntime.PinThreads(CommonOptions.ThreadCount(parse));
        string folder = Path.GetFullPath(parse.GetValue(Out)!);
        if (File.Exists(folder)) throw new ArgumentException($"--out: {folder} is a file, not a folder");
        var progress = ProgressLine.ForConsole(spec.Steps);
        TrainingOutcome outcome;
        try
        {
            outcome = TrainingRun.Execute(spec, Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)), folder, Console.Out, progress.Show, stop.Token, checkpointInterval);
        }
        catch (RunStoppedException e) when (interruption.Requested)
        {
            Console.Error.WriteLine(e.Message);
            return interruption.ExitCode;
        }
        finally
        {
            progress.Finish();
        }
        Console.WriteLine(outcome.Diverged
            ? $"diverged at step {outcome.DivergedAtStep}; metrics in {folder}"
            : $"stopped at step {outcome.StepsRun} ({outcome.StoppedBy}); metrics in {folder}");
        return 0;
    }
}
