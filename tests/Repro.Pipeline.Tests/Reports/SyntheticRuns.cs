using Microsoft.Data.Analysis;
using Repro.Core;
using Repro.Pipeline.Frames;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports;

/// <summary>Finished runs made up for renderer tests: planned runs from a YAML snippet, metrics from arrays (NaN = not measured).</summary>
public static class SyntheticRuns
{
    public static IReadOnlyList<PlannedRun> Plan(string yaml) => ExperimentReader.Read(yaml, "test.yaml").Resolve();

    public static ExperimentSpec Spec(string yaml) => ExperimentReader.Read(yaml, "test.yaml");

    public static RunResult Finished(PlannedRun run, IReadOnlyDictionary<string, double[]> columns, bool diverged = false)
    {
        int rows = columns.Values.First().Length;
        var frame = new DataFrame(new Int32DataFrameColumn(MetricColumns.Step, Enumerable.Range(0, rows)));
        foreach (var (name, values) in columns)
            frame.Columns.Add(new DoubleDataFrameColumn(name, values.Select(v => double.IsNaN(v) ? (double?)null : v)));
        var outcome = diverged ? TrainingOutcome.DivergedAt(rows - 1) : TrainingOutcome.Completed(rows - 1);
        return new RunResult(run, frame, outcome, DateTimeOffset.UnixEpoch);
    }

    /// <summary>A results folder in a <see cref="TemporaryFolder"/>.</summary>
    public sealed class TempResults : TemporaryFolder
    {
        public TempResults() : base("repro-results-") => Folder = new ResultsFolder(Path);

        public ResultsFolder Folder { get; }

        public bool Wrote(string relative) => File.Exists(Combine(relative)) && new FileInfo(Combine(relative)).Length > 0;
    }

    /// <summary>The planned runs of a one-file MLP experiment per group, sweeping <c>lr</c> (and <c>seed</c>).</summary>
    public static IReadOnlyList<PlannedRun> Plan(string artifact, string renderer, string groups) =>
        ExperimentReader.Read($"""
            artifact: {artifact}
            description: synthetic
            render: {renderer}
            runs:
            {groups}
            profiles:
              quick: {"{}"}
            """, "synthetic.yaml").Resolve();

    /// <summary>
    /// A run measured every <paramref name="every"/> steps up to <paramref name="steps"/>; NaN values stay empty cells.
    /// Train accuracy rises linearly to <paramref name="trainAccuracy"/> (by default fully trained).
    /// </summary>
    public static RunResult Run(PlannedRun run, int steps, int every, Func<int, double> sharpness, double testAccuracy = 0.8,
                                TrainingOutcome? outcome = null, double trainAccuracy = 1.0, string profile = "")
    {
        var at = Enumerable.Range(0, steps / every + 1).Select(i => i * every).ToArray();
        var frame = new DataFrame(
            new Int32DataFrameColumn(MetricColumns.Step, at),
            new DoubleDataFrameColumn(MetricColumns.TrainLoss, at.Select(s => 1.0 / (1 + s))),
            new DoubleDataFrameColumn(MetricColumns.TrainAccuracy, at.Select(s => trainAccuracy * s / steps)),
            new DoubleDataFrameColumn(MetricColumns.TestAccuracy, at.Select(_ => testAccuracy)),
            new DoubleDataFrameColumn(MetricColumns.Sharpness, at.Select(sharpness)),
            new DoubleDataFrameColumn(MetricColumns.DistanceToFinal, at.Select(s => (double)(steps - s) / steps)));
        return new RunResult(run, frame, outcome ?? TrainingOutcome.Completed(steps), DateTimeOffset.UnixEpoch, profile);
    }
}
