using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Store;
using TorchSharp;

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

        var frame = MetricsCsv.Load(Path.Combine(folder, RunFiles.Metrics));
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
        Assert.Equal(File.ReadAllText(Path.Combine(straight, RunFiles.Metrics)),
                     File.ReadAllText(Path.Combine(resumed, RunFiles.Metrics)));
    }

    /// <summary>
    /// Partial work carried from elsewhere (the nightly's artifacts) may arrive damaged. A run must neither crash on it
    /// again and again nor end with rows missing: it sets the work aside (kept, named in one line) and trains from
    /// step 0, ending exactly as an uninterrupted run.
    /// </summary>
    [Theory]
    [InlineData("checkpoint truncated", "truncated")]
    [InlineData("checkpoint of a wider net", "'model.")]
    [InlineData("checkpoint named for another step", "holds step 10, its name says 15")]
    [InlineData("curvature state of another length", "state of CurvatureHook unusable ('previous_top_eigenvectors' is [2, 7], expected [k, ")]
    [InlineData("parameter snapshots of another length", "state of ParameterSnapshotHook unusable ('thetas' is [")]
    [InlineData("metrics rows missing", "a row for step 3 was expected")]
    [InlineData("metrics rows end early", "rows end at step 7, the run resumes from step 10")]
    [InlineData("metrics step garbled", "'x1' is not a step")]
    [InlineData("metrics missing", "missing, though the run resumes from step 10")]
    public void DamagedPartialWorkIsSetAsideAndTheRunStartsOver(string damage, string reason)
    {
        string straight = root.Combine("straight"), damaged = root.Combine("damaged");
        TrainingRun.Execute(Spec(20), TestData.Directory, straight, TextWriter.Null);
        TrainingRun.Execute(Spec(10), TestData.Directory, damaged, TextWriter.Null);
        string checkpoint = Checkpoint.PathFor(Path.Combine(damaged, RunFiles.Checkpoints), 10);
        string metrics = Path.Combine(damaged, RunFiles.Metrics);
        var lines = File.ReadAllLines(metrics);
        switch (damage)
        {
            case "checkpoint truncated":
                using (var file = File.OpenWrite(checkpoint)) file.SetLength(file.Length / 2);
                break;
            case "checkpoint of a wider net":
                string wider = root.Combine("wider");
                TrainingRun.Execute(Spec(10) with { Model = new ModelSpec(Architecture.Mlp, 2, 17) }, TestData.Directory, wider, TextWriter.Null);
                File.Copy(Checkpoint.PathFor(Path.Combine(wider, RunFiles.Checkpoints), 10), checkpoint, overwrite: true);
                break;
            case "checkpoint named for another step":
                File.Move(checkpoint, Checkpoint.PathFor(Path.Combine(damaged, RunFiles.Checkpoints), 15));
                break;
            case "curvature state of another length":
                Rewrite(checkpoint, "hook0.previous_top_eigenvectors", torch.zeros(2, 7, torch.float64));
                break;
            case "parameter snapshots of another length":
                Rewrite(checkpoint, "hook1.thetas", torch.zeros(3, 7));
                break;
            case "metrics rows missing":
                File.WriteAllLines(metrics, lines.Where((_, i) => i is not (4 or 5)));
                break;
            case "metrics rows end early":
                File.WriteAllLines(metrics, lines.Take(9));
                break;
            case "metrics step garbled":
                lines[2] = "x" + lines[2];
                File.WriteAllLines(metrics, lines);
                break;
            case "metrics missing":
                File.Delete(metrics);
                break;
        }

        var log = new StringWriter();
        TrainingRun.Execute(Spec(20), TestData.Directory, damaged, log);

        var line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"warning: the partial work in {damaged} cannot be resumed (", line);
        Assert.Contains(reason, line);
        Assert.EndsWith("training from step 0", line.TrimEnd());
        Assert.Equal(File.ReadAllText(Path.Combine(straight, RunFiles.Metrics)), File.ReadAllText(metrics));
        var aside = Assert.Single(Directory.GetDirectories(root.Combine(RunFiles.Rejected)));
        Assert.StartsWith("damaged.", Path.GetFileName(aside));
        Assert.True(Directory.Exists(Path.Combine(aside, RunFiles.Checkpoints)));   // kept for a look, not deleted
    }

    // The archive with one tensor replaced: well-formed, so only the loader's checks can tell.
    private static void Rewrite(string checkpoint, string name, torch.Tensor replacement)
    {
        var tensors = TensorArchive.Read(checkpoint);
        Assert.True(tensors.ContainsKey(name), $"no '{name}' in {string.Join(", ", tensors.Keys)}");
        tensors[name].Dispose();
        tensors[name] = replacement;
        TensorArchive.Write(checkpoint, tensors.Select(t => (t.Key, t.Value)));
        foreach (var tensor in tensors.Values) tensor.Dispose();
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

    /// <summary>
    /// A finished store entry keeps its final model and optimizer state only: the hooks' state serves to resume, and
    /// in a Figure1 paper entry it was 44 MB of 45 (parameter snapshots). The file is no longer a checkpoint by name,
    /// so nothing resumes from it without that state.
    /// </summary>
    [Fact]
    public void AFinishedEntryKeepsTheFinalModelAndOptimizerStateOnly()
    {
        string folder = root.Combine("finished");
        TrainingRun.Execute(Spec(20), TestData.Directory, folder, TextWriter.Null);
        string checkpoints = Path.Combine(folder, RunFiles.Checkpoints);
        var full = TensorArchive.Read(Checkpoint.Latest(checkpoints)!);
        Assert.Contains(full.Keys, k => k.StartsWith("hook", StringComparison.Ordinal));

        TrainingRun.KeepFinalCheckpoint(folder);

        string kept = Assert.Single(Directory.GetFiles(checkpoints));
        Assert.Equal("final-00000020.tensors", Path.GetFileName(kept));
        Assert.Null(Checkpoint.Latest(checkpoints));
        var slim = TensorArchive.Read(kept);
        Assert.Equal(full.Keys.Where(k => k.StartsWith("model.", StringComparison.Ordinal) || k.StartsWith("optimizer.", StringComparison.Ordinal)), slim.Keys);
        Assert.All(slim, e => Assert.True(e.Value.eq(full[e.Key]).all().item<bool>(), e.Key));
        foreach (var tensor in full.Values.Concat(slim.Values)) tensor.Dispose();
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
