using System.CommandLine;
using System.Globalization;
using Repro.Core;
using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Store;

namespace Repro.Cli.Commands;

/// <summary><c>repro curvature</c>: the Hessian spectrum of a checkpoint written by <c>repro train</c>.</summary>
public static class CurvatureCommand
{
    private static readonly Option<string> CheckpointPath = new("--checkpoint") { Description = "A checkpoint file (OUT/checkpoints/step-N.tensors).", Required = true };
    private static readonly Option<string?> SpecPath = new("--spec") { Description = "The run's spec.json (default: the one in the run folder above the checkpoint)." };
    private static readonly Option<int> TopK = new("--top-k") { Description = "Leading eigenvalues to report.", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> Trace = new("--trace") { Description = "Also estimate the trace (Hutchinson, 100 Rademacher probes)." };
    private static readonly Option<bool> Density = new("--density") { Description = "Also print the spectral density (stochastic Lanczos quadrature) as eigenvalue,density lines." };

    public static Command Create()
    {
        var command = new Command("curvature", "Eigenvalues (top-k and λ_min), and optionally trace and spectral density, of the training-loss Hessian at a checkpoint.");
        foreach (var option in new Option[] { CheckpointPath, SpecPath, TopK, Trace, Density })
            command.Options.Add(option);
        command.SetAction(parse => CommonOptions.Guard(() => Run(parse)));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var checkpoint = Path.GetFullPath(parse.GetValue(CheckpointPath)!);
        if (!File.Exists(checkpoint))
            throw new ArgumentException($"--checkpoint: {checkpoint} does not exist");
        var specPath = parse.GetValue(SpecPath)
                       ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(checkpoint)!)!, RunFiles.Spec);
        if (!File.Exists(specPath))
            throw new ArgumentException($"--spec: no {specPath}; pass the run's spec.json");
        TrainingSpec spec;
        try
        {
            spec = TrainingRun.ReadSpecFile(specPath);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException(e.Message);   // a bad --spec is bad input: one line, exit code 2
        }
        TorchRuntime.PinThreads(CommonOptions.ThreadCount(parse));

        using var data = TrainingData.Load(spec, Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)));
        using var setup = TrainingSetup.From(spec, data);
        using var optimizer = OptimizerCatalog.Create(spec.Optimizer, setup.Model.parameters());
        long step;
        try
        {
            step = Checkpoint.Restore(checkpoint, setup.Model, optimizer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException
                                      or System.Runtime.InteropServices.ExternalException)
        {
            // A damaged file or one written for another run is bad input: one line, exit 2.
            throw new ArgumentException($"--checkpoint: {checkpoint}: not a checkpoint of this run ({e.Message.ReplaceLineEndings(" ")})");
        }
        var product = new HessianVectorProduct(setup.Model, setup.Loss, setup.HessianSet);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "step {0}, {1} parameters, {2} Hessian-set examples", step, product.Dimension, product.ExampleCount));

        var topK = parse.GetValue(TopK);
        using (var pairs = Lanczos.Extremes(product, product.Dimension, topK, 1))
        {
            for (var i = 0; i < pairs.Largest.Count; i++)
                Console.WriteLine(string.Format(c, "λ{0} {1:G6}", i + 1, pairs.Largest.Values[i]));
            Console.WriteLine(string.Format(c, "λ_min {0:G6}", pairs.MostNegative));
            Console.WriteLine(string.Format(c, "2/η {0:G6}", 2 / spec.Optimizer.LearningRate));
            Console.WriteLine(string.Format(c, "Hessian-vector products {0}", pairs.Largest.HvpCount));
        }
        if (parse.GetValue(Trace))
        {
            var trace = Hutchinson.Trace(product, product.Dimension);
            Console.WriteLine(string.Format(c, "trace {0:G6} ± {1:G3} ({2} probes)", trace.Trace, trace.StandardError, trace.Probes));
        }
        if (parse.GetValue(Density))
        {
            var density = SpectralDensity.Estimate(product, product.Dimension, gridPoints: 200);
            Console.WriteLine("eigenvalue,density");
            for (var i = 0; i < density.Grid.Length; i++)
                Console.WriteLine(string.Format(c, "{0:G6},{1:G6}", density.Grid[i], density.Density[i]));
        }
        return 0;
    }
}
