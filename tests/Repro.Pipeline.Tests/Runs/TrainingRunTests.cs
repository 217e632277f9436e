using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Runs;

namespace Repro.Pipeline.Tests.Runs;

public sealed class TrainingRunTests : IDisposable
{
    private readonly TemporaryFolder root = new("repro-trainingrun-");

    public void Dispose() => root.Dispose();

    private static TrainingSpec Spec(int steps) =>
        new("fashion-mnist", 100, 50, new ModelSpec(Architecture.Mlp, 2, 16), LossKind.MeanSquaredError,
            new OptimizerSpec(OptimizerKind.Gd, 0.1), steps, Seed: 3)
        {
            CurvatureEvery = 5,
            EvaluateEvery = 5,
            TraceProbes = 20,
            DistanceToFinalEvery = 5,
            CheckpointEvery = 5,
            StopAtTrainAccuracy = 2,
        };

    [Fact]
    public void DistanceToFinalMirrorsTheDistanceTravelledAndTraceIsRecorded()
    {
        string folder = root.Combine("run");
        var outcome = TrainingRun.Execute(Spec(20), TestData.Directory, folder, TextWriter.Null);
        Assert.Equal(20, outcome.StepsRun);

        var frame = MetricsCsv.Load(Path.Combine(folder, RunExecutor.MetricsFile));
        var toFinal = MetricsCsv.Doubles(frame, MetricColumns.DistanceToFinal);
        var travelled = MetricsCsv.Doubles(frame, MetricColumns.ParamDistance);
        Assert.Equal(0, toFinal[20]);
        Assert.Equal(travelled[20], toFinal[0], 1e-4 * travelled[20]);   // ‖θ₀ − θ*‖ = ‖θ* − θ₀‖
        Assert.True(double.IsNaN(toFinal[3]));
        var trace = MetricsCsv.Doubles(frame, MetricColumns.HessianTrace);
        var sharpness = MetricsCsv.Doubles(frame, MetricColumns.Sharpness);
        Assert.All(new[] { 0, 5, 10, 15, 20 }, t => Assert.True(double.IsFinite(trace[t]) && double.IsFinite(sharpness[t])));
        var lambda2 = MetricsCsv.Doubles(frame, MetricColumns.Lambda2);
        var subspace = MetricsCsv.Doubles(frame, MetricColumns.SubspaceRotation);
        var v1Subspace = MetricsCsv.Doubles(frame, MetricColumns.V1SubspaceRotation);
        Assert.All(new[] { 0, 5, 10, 15, 20 }, t => Assert.InRange(lambda2[t], MetricsCsv.Doubles(frame, MetricColumns.LambdaMin)[t], sharpness[t]));
        Assert.True(double.IsNaN(subspace[0]) && double.IsNaN(v1Subspace[0]), "nothing to rotate from at the first measurement");
        Assert.All(new[] { 5, 10, 15, 20 }, t => Assert.True(subspace[t] is >= 0 and <= 1 && v1Subspace[t] is >= 0 and <= 1));
        Assert.True(double.IsNaN(lambda2[3]));
    }

    [Fact]
    public void ResumedRunWritesTheSameMetricsAsAnUninterruptedOne()
    {
        string straight = root.Combine("straight"), resumed = root.Combine("resumed");
        TrainingRun.Execute(Spec(20), TestData.Directory, straight, TextWriter.Null);
        TrainingRun.Execute(Spec(10), TestData.Directory, resumed, TextWriter.Null);
        var log = new StringWriter();
        TrainingRun.Execute(Spec(20), TestData.Directory, resumed, log);
        Assert.Contains("resuming from the checkpoint at step 10", log.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(straight, RunExecutor.MetricsFile)),
                     File.ReadAllText(Path.Combine(resumed, RunExecutor.MetricsFile)));
    }

    [Fact]
    public void ARunThatDivergesBeforeItsFirstCheckpointStillFinishes()
    {
        string folder = root.Combine("diverged");
        var spec = Spec(20) with { Optimizer = new OptimizerSpec(OptimizerKind.Gd, 50) };
        var outcome = TrainingRun.Execute(spec, TestData.Directory, folder, TextWriter.Null);
        Assert.True(outcome.Diverged && outcome.DivergedAtStep < 5);   // before the first checkpoint (every 5 steps)
        TrainingRun.KeepFinalCheckpoint(folder);
    }

    [Fact]
    public void FolderOfADifferentRunIsRefused()
    {
        string folder = root.Combine("run");
        TrainingRun.Execute(Spec(5), TestData.Directory, folder, TextWriter.Null);
        var other = Spec(5) with { Seed = 4 };
        var error = Assert.Throws<ArgumentException>(() => TrainingRun.Execute(other, TestData.Directory, folder, TextWriter.Null));
        Assert.Contains("holds checkpoints of a different run", error.Message);
    }
}
