using Microsoft.Data.Analysis;
using Repro.Core.DiagonalNetwork;
using Repro.Core.Training;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Runs;

/// <summary>Turns a resolved run config into a call of the science core, and its results into files.</summary>
public static class RunExecutor
{
    /// <summary>The data set the run reads, or null when it reads none (the 2-parameter network).</summary>
    public static string? DatasetOf(RunConfig config) =>
        config.Settings.Trainer is { } trainer ? Core.Data.DatasetCatalog.Canonical(trainer.Dataset) : null;

    /// <summary>What the run reads from disk, as a content fingerprint for its key; "none" when it reads nothing; null when its data set is absent.</summary>
    public static string? DataFingerprintOf(RunConfig config, string dataDirectory) =>
        DatasetOf(config) is { } dataset ? DataFingerprint.Of(dataset, dataDirectory) : "none";

    /// <summary>Runs the training described by <paramref name="config"/> and writes its result files into <paramref name="directory"/>.</summary>
    /// <param name="budget">See <see cref="TrainingRun.Execute"/>; the 2-parameter network is closed-form and always finishes.</param>
    /// <param name="startFrom">A parent run's final checkpoint this run continues from (a cool-down), or null.</param>
    public static void Execute(RunConfig config, string directory, string dataDirectory, TextWriter log, Action<MetricsRow>? onRow = null,
                               CancellationToken budget = default, TimeSpan? checkpointInterval = null, string? startFrom = null)
    {
        var run = config.Settings;
        if (run.DiagonalNetwork is { } diagonal)
        {
            ExecuteDiagonalNetwork(run, diagonal, directory);
            return;
        }
        TrainingRun.Execute(run.TrainingSpec(), dataDirectory, directory, log, onRow, budget, checkpointInterval, startFrom);
        TrainingRun.KeepFinalCheckpoint(directory);
    }

    private static void ExecuteDiagonalNetwork(RunSettings settings, DiagonalNetworkSettings diagonal, string directory)
    {
        var run = DiagonalNetworkTrainer.Train(diagonal.Init[0], diagonal.Init[1], settings.Lr, settings.Steps, settings.DivergenceLoss);
        var frame = new DataFrame(
            new Int32DataFrameColumn(MetricColumns.Step, run.Steps.Select(s => s.Step)),
            new DoubleDataFrameColumn(MetricColumns.TrainLoss, run.Steps.Select(s => s.Loss)),
            new DoubleDataFrameColumn(MetricColumns.Sharpness, run.Steps.Select(s => s.Sharpness)),
            new DoubleDataFrameColumn(MetricColumns.LambdaMin, run.Steps.Select(s => s.LambdaMin)),
            new DoubleDataFrameColumn(MetricColumns.ParamA, run.Steps.Select(s => s.A)),
            new DoubleDataFrameColumn(MetricColumns.ParamB, run.Steps.Select(s => s.B)),
            new DoubleDataFrameColumn(MetricColumns.LeadingEigenvectorAngle, run.Steps.Select(s => s.LeadingEigenvectorAngle)),
            new DoubleDataFrameColumn(MetricColumns.Beta, run.Steps.Select(s => s.Beta)));
        MetricsCsv.Save(frame, Path.Combine(directory, RunFiles.Metrics));
        OutcomeFile.Save(run.Outcome, directory);
    }
}
