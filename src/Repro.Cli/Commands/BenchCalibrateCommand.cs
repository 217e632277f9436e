using System.CommandLine;
using Repro.Pipeline.Benchmarks;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Settings;

namespace Repro.Cli.Commands;

/// <summary><c>repro bench calibrate</c>: measures the cost model's figures on this machine and writes the calibration file.</summary>
public static class BenchCalibrateCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Where to write the calibration (default: calibration/cost-model.json in the project)." };
        var command = new Command("calibrate",
            "Measure step, evaluation and curvature costs of each model here (a minute or two) and write the calibration `repro plan` estimates from.")
        {
            output,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            string path = parse.GetValue(output) ?? CostCalibration.PathIn(ProjectRoot.Find(parse.GetValue(CommonOptions.Root) ?? Directory.GetCurrentDirectory()));
            var calibration = CostCalibrator.Measure(Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)),
                                                     CommonOptions.ThreadCount(parse), Console.Out);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, calibration.ToJson() + "\n");
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
