using Microsoft.Data.Analysis;
using Repro.Core.DiagonalNetwork;
using Repro.Core.Training;
using Repro.Pipeline.Frames;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Runs;

/// <summary>Turns a resolved run config into a call of the science core, and its results into files.</summary>
public static class RunExecutor
{
    public const string MetricsFile = "metrics.csv";

    /// <summary>The data set the run reads, or null when it reads none (the 2-parameter network).</summary>
    public static string? DatasetOf(RunConfig config) =>
        RunFields.IsTrainerModel(config.Text("model")) ? Core.Data.DatasetCatalog.Canonical(config.Text("dataset")) : null;

    /// <summary>What the run reads from disk, as a content fingerprint for its key; "none" when it reads nothing; null when its data set is absent.</summary>
    public static string? DataFingerprintOf(RunConfig config, string dataDirectory) =>
        DatasetOf(config) is { } dataset ? DataFingerprint.Of(dataset, dataDirectory) : "none";

    /// <summary>Runs the training described by <paramref name="config"/> and writes its result files into <paramref name="directory"/>.</summary>
    public static void Execute(RunConfig config, string directory, string dataDirectory, TextWriter log, Action<MetricsRow>? onRow = null)
    {
        if (config.Text("model") == RunFields.DiagonalLinearNetwork)
        {
            ExecuteDiagonalNetwork(config, directory);
            return;
        }
        TrainingRun.Execute(TrainingSpecs.From(config), dataDirectory, directory, log, onRow);
        TrainingRun.KeepFinalCheckpoint(directory);
    }

    private static void ExecuteDiagonalNetwork(RunConfig config, string directory)
    {
        var init = config.Numbers("init");
        var run = DiagonalNetworkTrainer.Train(init[0], init[1], config.Number("lr"), checked((int)config.Integer("steps")),
                                               config.Number("divergence_loss"));
        var frame = new DataFrame(
            new Int32DataFrameColumn(MetricColumns.Step, run.Steps.Select(s => s.Step)),
            new DoubleDataFrameColumn(MetricColumns.TrainLoss, run.Steps.Select(s => s.Loss)),
            new DoubleDataFrameColumn(MetricColumns.Sharpness, run.Steps.Select(s => s.Sharpness)),
            new DoubleDataFrameColumn(MetricColumns.LambdaMin, run.Steps.Select(s => s.LambdaMin)),
            new DoubleDataFrameColumn(MetricColumns.ParamA, run.Steps.Select(s => s.A)),
            new DoubleDataFrameColumn(MetricColumns.ParamB, run.Steps.Select(s => s.B)),
            new DoubleDataFrameColumn(MetricColumns.LeadingEigenvectorAngle, run.Steps.Select(s => s.LeadingEigenvectorAngle)),
            new DoubleDataFrameColumn(MetricColumns.Beta, run.Steps.Select(s => s.Beta)));
        MetricsCsv.Save(frame, Path.Combine(directory, MetricsFile));
        RunOutcome.Save(run.Outcome, directory);
    }
}
