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
            // Read before measuring: a broken file is a one-line error (exit 2) before minutes of work, not after.
            var previous = CostCalibration.TryLoad(path);
            var measured = CostCalibrator.Measure(Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)),
                                                  CommonOptions.ThreadCount(parse), Console.Out);
            var (calibration, carried) = FittedFigures.KeepFrom(measured, previous);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Written beside it, then renamed over it: an interruption leaves the old file whole, never half a new one.
            string temporary = path + ".new";
            File.WriteAllText(temporary, calibration.ToJson() + "\n");
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"wrote {path}");
            if (carried.Count > 0)
                Console.WriteLine($"kept from the file it replaces (not measured here): {string.Join(", ", carried)}");
            return 0;
        }));
        return command;
    }
}
