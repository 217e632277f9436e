using System.Globalization;
using Microsoft.Data.Analysis;
using Repro.Core;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports;

/// <summary>Finished runs made up for renderer tests: planned runs from a YAML snippet, metrics from arrays (NaN = not measured).</summary>
public static class SyntheticRuns
{
    public static IReadOnlyList<PlannedRun> Plan(string yaml) => ExperimentReader.Read(yaml, "test.yaml").Resolve();

    public static ExperimentSpec Spec(string yaml) => ExperimentReader.Read(yaml, "test.yaml");

    public static FinishedRun Finished(PlannedRun run, IReadOnlyDictionary<string, double[]> columns, bool diverged = false)
    {
        int rows = columns.Values.First().Length;
        var frame = new DataFrame(new Int32DataFrameColumn(MetricColumns.Step, Enumerable.Range(0, rows)));
        foreach (var (name, values) in columns)
            frame.Columns.Add(new DoubleDataFrameColumn(name, values.Select(v => double.IsNaN(v) ? (double?)null : v)));
        var outcome = diverged ? TrainingOutcome.DivergedAt(rows - 1) : TrainingOutcome.Completed(rows - 1);
        return new FinishedRun(run, frame, outcome, DateTimeOffset.UnixEpoch);
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
        ExperimentReader.Read(Yaml(artifact, renderer, groups), "synthetic.yaml").Resolve();

    /// <summary>The experiment file <see cref="Plan(string, string, string)"/> reads: these groups and a quick profile.</summary>
    public static string Yaml(string artifact, string renderer, string groups) => $"""
        artifact: {artifact}
        description: synthetic
        render: {renderer}
        runs:
        {groups}
        profiles:
          quick: {"{}"}
        """;

    /// <summary>
    /// A run of two measurements (steps 0 and 1): train loss 1 then 0.5, sharpness 1 then <paramref name="sharpness"/>,
    /// and only where given: test and train accuracy 0.1 then the value, and the clip fraction at both steps.
    /// </summary>
    public static FinishedRun TwoSteps(PlannedRun run, double sharpness, double? testAccuracy = null, double? trainAccuracy = null,
                                     double[]? clipFraction = null)
    {
        var columns = new Dictionary<string, double[]> { [MetricColumns.TrainLoss] = [1, 0.5], [MetricColumns.Sharpness] = [1, sharpness] };
        if (testAccuracy is { } test) columns[MetricColumns.TestAccuracy] = [0.1, test];
        if (trainAccuracy is { } train) columns[MetricColumns.TrainAccuracy] = [0.1, train];
        if (clipFraction is not null) columns[MetricColumns.ClipFraction] = clipFraction;
        return Finished(run, columns);
    }

    /// <summary>
    /// A run measured at every step: train loss 0.5 throughout, the given sharpness and cosine between successive top
    /// eigenvectors, and the subspace rotations where given (NaN = not measured).
    /// </summary>
    public static FinishedRun Rotating(PlannedRun run, double[] sharpness, double[] cosine, double[]? subspace = null, double[]? v1Subspace = null)
    {
        var columns = new Dictionary<string, double[]>
        {
            [MetricColumns.TrainLoss] = [.. sharpness.Select(_ => 0.5)],
            [MetricColumns.Sharpness] = sharpness,
            [MetricColumns.RotationCosine] = cosine,
        };
        if (subspace is not null) columns[MetricColumns.SubspaceRotation] = subspace;
        if (v1Subspace is not null) columns[MetricColumns.V1SubspaceRotation] = v1Subspace;
        return Finished(run, columns);
    }

    // ---- Experiments that the renderer tests and the verdict-precondition tests both judge ----------------------------

    /// <summary>
    /// FigureSGD: 10-step MLP runs with SGD at batch size 50 and at full batch, each at the given learning rates
    /// (plan order: batch 50 by η, then full batch by η).
    /// </summary>
    public static string SgdYaml(params double[] lrs) => $$"""
        artifact: FigureSGD
        description: test
        render: figure-sgd
        runs:
          sgd:
            base: {model: mlp, optimizer: sgd, steps: 10, curvature_every: 10}
            sweep: {batch_size: [50, 0], lr: [{{string.Join(", ", lrs.Select(lr => lr.ToString(CultureInfo.InvariantCulture)))}}]}
        profiles:
          quick: {}
        """;

    /// <summary>
    /// FigureClippedAda over seeds 0 and 1: Adam, then Clipped-Ada at c = 0.1 and c = 1 (which never clips), and with
    /// <paramref name="exploratory"/> an exploratory sweep at c = 0.001. Plan order: by group, then c, then seed.
    /// </summary>
    public static string ClippedAdaYaml(bool exploratory = false) => $$"""
        artifact: FigureClippedAda
        description: test
        render: figure-clipped-ada
        runs:
          adam:
            base: {model: mlp, optimizer: adam, lr: 0.001, steps: 10, batch_size: 50, curvature_every: 10}
          clipped_ada:
            base: {model: mlp, optimizer: clipped-ada, lr: 0.001, steps: 10, batch_size: 50, curvature_every: 10}
            sweep: {clip_bound: [0.1, 1]}
        {{(exploratory ? ExploratoryClippedAda : "")}}profiles:
          quick:
            sweep: {seed: [0, 1]}
        """;

    private const string ExploratoryClippedAda = """
          clipped_ada_exploratory:
            base: {model: mlp, optimizer: clipped-ada, lr: 0.001, steps: 10, batch_size: 50, curvature_every: 10}
            sweep: {clip_bound: [0.001]}

        """;

    /// <summary>FigureRotationCorrelation: two seeds of a 5-step GD run at η = 0.3 (2/η = 6.67), measured at every step.</summary>
    public const string RotationYaml = """
        artifact: FigureRotationCorrelation
        description: test
        render: figure-rotation-correlation
        runs:
          seeds:
            base: {model: mlp, optimizer: gd, lr: 0.3, steps: 5, curvature_every: 1}
            sweep: {seed: [0, 1]}
        profiles:
          quick: {}
        """;

    /// <summary>
    /// A run measured every <paramref name="every"/> steps up to <paramref name="steps"/>; NaN values stay empty cells.
    /// Train accuracy rises linearly to <paramref name="trainAccuracy"/> (by default fully trained).
    /// </summary>
    public static FinishedRun Run(PlannedRun run, int steps, int every, Func<int, double> sharpness, double testAccuracy = 0.8,
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
        return new FinishedRun(run, frame, outcome ?? TrainingOutcome.Completed(steps), DateTimeOffset.UnixEpoch, profile);
    }
}
