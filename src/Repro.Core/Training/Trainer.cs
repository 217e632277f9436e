using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Optimizers;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// Runs a <see cref="TrainingSpec"/>: at each step t it measures the loss at θ_t (and, every k steps, the hooks:
/// test accuracy, ‖θ − θ₀‖, curvature when CurvatureEvery &gt; 0, and any extra ones),
/// then updates to θ_{t+1}. A non-finite loss or one beyond the bound ends the run as diverged, it never throws.
/// With a checkpoint folder it saves every CheckpointEvery steps, at the end of the budget and when the accuracy
/// target stops the run, and resumes from the newest checkpoint it finds there: the resumed run continues bit for
/// bit (same thread count). A cancelled token (a time budget) stops the run at the next step boundary with a
/// checkpoint there, after at least one step. It also saves every <c>checkpointInterval</c> of wall time, so a run
/// killed outright (the OOM killer, a lost node, a signal after its grace period) loses at most that much; such a
/// checkpoint replaces the previous one, and only those at multiples of CheckpointEvery are all kept.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly TrainingSetup setup;
    private readonly LabeledTensors train;
    private readonly torch.Tensor trainTargets;
    private readonly torch.Tensor initialParameters;
    private readonly Func<torch.Tensor, torch.Tensor, torch.Tensor> loss;
    private readonly IReadOnlyList<ITrainingHook> hooks;
    private readonly IReadOnlyList<ICheckpointed> checkpointedHooks;
    private readonly OscillationTracker oscillation = new();
    private readonly ILeadingEigenvectorSource? leadingEigenvector;
    private readonly string? checkpointDirectory;
    private readonly MinibatchOrder? minibatches;

    /// <param name="startFrom">A checkpoint whose model state is this run's θ₀ instead of the seed's initialisation (a
    /// cool-down continuing another run's final iterate); the optimizer starts fresh at step 0.</param>
    public Trainer(TrainingSpec spec, TrainingData data, IEnumerable<ITrainingHook>? extraHooks = null, string? checkpointDirectory = null,
                   string? startFrom = null)
        : this(TrainingSetup.From(spec, data), extraHooks, checkpointDirectory, startFrom)
    {
    }

    /// <param name="setup">Owned by the trainer from here on.</param>
    public Trainer(TrainingSetup setup, IEnumerable<ITrainingHook>? extraHooks = null, string? checkpointDirectory = null, string? startFrom = null)
    {
        this.setup = setup;
        var spec = Spec = setup.Spec;
        train = setup.Train;
        this.checkpointDirectory = checkpointDirectory;
        Model = setup.Model;
        if (startFrom is not null)
        {
            try
            {
                Checkpoint.LoadModel(startFrom, Model);
            }
            catch
            {
                setup.Dispose();
                throw;
            }
        }
        initialParameters = ParameterVector.Flatten(Model);
        Optimizer = OptimizerCatalog.Create(spec.Optimizer, Model.parameters());
        loss = setup.Loss;
        trainTargets = setup.TrainTargets;
        hooks =
        [
            new TestAccuracyHook(spec.EffectiveEvaluateEvery),
            new ParameterDistanceHook(spec.EffectiveEvaluateEvery),
            .. spec.CurvatureEvery > 0 ? [new CurvatureHook(spec.CurvatureEvery, spec.TraceProbes, spec.HessianMode, spec.CurvatureMeasures)] : Array.Empty<ITrainingHook>(),
            .. spec.DistanceToFinalEvery > 0 ? [new ParameterSnapshotHook(spec.DistanceToFinalEvery)] : Array.Empty<ITrainingHook>(),
            .. extraHooks ?? [],
        ];
        leadingEigenvector = hooks.OfType<ILeadingEigenvectorSource>().FirstOrDefault();
        checkpointedHooks = [.. hooks.OfType<ICheckpointedHook>(), oscillation];
        if (!spec.FullBatch)
            minibatches = new MinibatchOrder(train.Count, spec.Optimizer.BatchSize!.Value, spec.Seed);

        var latest = checkpointDirectory is null ? null : Checkpoint.Latest(checkpointDirectory);
        if (latest is null) return;
        try
        {
            ResumedFromStep = Checkpoint.Restore(latest, Model, Optimizer, checkpointedHooks);
        }
        catch
        {
            Dispose();   // the caller never gets this trainer, so its native memory is freed here
            throw;
        }
    }

    /// <summary>Wall time between checkpoints of a run that sets no CheckpointEvery: what a kill can cost at most.</summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromMinutes(30);

    public TrainingSpec Spec { get; }

    public torch.nn.Module<torch.Tensor, torch.Tensor> Model { get; }

    public Optimizer Optimizer { get; }

    /// <summary>The step of the checkpoint this trainer resumed from, or null for a fresh run.</summary>
    public long? ResumedFromStep { get; }

    /// <param name="onRow">Called with every row as soon as it is measured (progress display, streaming to a file).</param>
    /// <param name="checkpointInterval">Wall time between checkpoints besides CheckpointEvery; null for
    /// <see cref="DefaultCheckpointInterval"/>, <see cref="TimeSpan.Zero"/> for none.</param>
    public TrainingSession Run(Action<MetricsRow>? onRow = null, CancellationToken cancellation = default, TimeSpan? checkpointInterval = null)
    {
        var rows = new List<MetricsRow>();
        var start = Optimizer.StepCount;
        var accurateInARow = 0;
        var interval = checkpointInterval ?? DefaultCheckpointInterval;
        var sinceCheckpoint = System.Diagnostics.Stopwatch.StartNew();
        oscillation.Start(ParameterVector.Flatten(Model));
        Model.train();
        for (var step = start; ; step++)
        {
            using var scope = torch.NewDisposeScope();
            var last = step >= Spec.Steps;
            // At least one step per session, so a run stopped again and again (a too-small time budget) still progresses.
            var cancelled = cancellation.IsCancellationRequested && step > start;
            if (step > start && (last || cancelled || (Spec.CheckpointEvery > 0 && step % Spec.CheckpointEvery == 0)
                                 || (interval > TimeSpan.Zero && sinceCheckpoint.Elapsed >= interval)))
            {
                SaveCheckpoint();
                sinceCheckpoint.Restart();
            }
            if (cancelled)
                return new TrainingSession(rows, StopReason.Cancelled, step, ResumedFromStep);

            var (batchLoss, row) = Spec.FullBatch ? FullBatchForward(step) : MinibatchForward(step, last);
            if (row is not null)
            {
                row = MeasureHooks(step, row);
                if (Diverged(row.TrainLoss))
                    return Emit(row, StopReason.Diverged);
                accurateInARow = row.TrainAccuracy >= Spec.StopAtTrainAccuracy ? accurateInARow + 1 : 0;
                if (accurateInARow >= 2)
                {
                    // After this step's forward pass, so batch-norm running statistics are one pass ahead; the run is over.
                    SaveCheckpoint();
                    return Emit(row, StopReason.TrainAccuracyReached);
                }
                if (last)
                    return Emit(row, StopReason.StepBudget);
            }
            if (last || batchLoss is null)
                return new TrainingSession(rows, StopReason.StepBudget, step, ResumedFromStep);
            if (row is null && Diverged(batchLoss.item<float>()))
            {
                // A minibatch step without a metrics row: record the batch loss that diverged.
                return Emit(new MetricsRow(step, batchLoss.item<float>(), double.NaN), StopReason.Diverged);
            }
            Optimizer.ZeroGrad();
            batchLoss.backward();
            Optimizer.Step(Spec.Optimizer.Schedule.At(step + 1));
            var (stepNorm, periodTwoNorm, stepAlongV1) = oscillation.Advance(ParameterVector.Flatten(Model), leadingEigenvector?.LeadingEigenvector);
            if (row is not null)
            {
                // The row is emitted after the update, so it can describe the update θ_t → θ_{t+1} too.
                Emit(row with
                {
                    StepNorm = stepNorm,
                    PeriodTwoNorm = periodTwoNorm,
                    StepAlongV1 = stepAlongV1,
                    ClipFraction = (Optimizer as ClippedAda)?.ClipFraction,
                });
            }
        }

        TrainingSession Emit(MetricsRow row, StopReason? stop = null)
        {
            rows.Add(row);
            onRow?.Invoke(row);
            return new TrainingSession(rows, stop ?? StopReason.StepBudget, row.Step, ResumedFromStep);
        }
    }

    /// <summary>After <see cref="Run"/>: ‖θ_t − θ*‖₂ to the final parameters θ* at every kept step (empty unless DistanceToFinalEvery &gt; 0).</summary>
    public IReadOnlyDictionary<long, double> DistancesToFinal()
    {
        if (hooks.OfType<ParameterSnapshotHook>().FirstOrDefault() is not { } snapshots) return new Dictionary<long, double>();
        using var final = ParameterVector.Flatten(Model);
        return snapshots.DistancesTo(final);
    }

    public void Dispose()
    {
        foreach (var hook in hooks.OfType<IDisposable>())
            hook.Dispose();
        minibatches?.Dispose();
        oscillation.Dispose();
        initialParameters.Dispose();
        Optimizer.Dispose();
        setup.Dispose();
    }

    private (torch.Tensor? Loss, MetricsRow? Row) FullBatchForward(long step)
    {
        var output = Model.forward(train.Inputs);
        var value = loss(output, trainTargets);
        return (value, new MetricsRow(step, value.item<float>(), Loss.Accuracy(output, train.Labels)));
    }

    /// <summary>The minibatch loss of this step, and every MetricsEvery steps the full training loss and accuracy.</summary>
    private (torch.Tensor? Loss, MetricsRow? Row) MinibatchForward(long step, bool last)
    {
        MetricsRow? row = null;
        if (last || step % Spec.MetricsEvery == 0 || hooks.Any(h => Due(h, step)))
            row = EvaluateTrainingSet(step);
        if (last)
            return (null, row);
        var indices = minibatches!.IndicesAt(step).to(train.Inputs.device);
        var output = Model.forward(train.Inputs.index_select(0, indices));
        return (loss(output, trainTargets.index_select(0, indices)), row);
    }

    /// <summary>Loss and accuracy over the whole training subset, in eval mode (batch norm on running statistics).</summary>
    private MetricsRow EvaluateTrainingSet(long step)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Model.eval();
        double total = 0, correct = 0;
        var count = train.Count;
        for (var start = 0; start < count; start += HessianSet.ChunkSize)
        {
            using var chunkScope = torch.NewDisposeScope();   // a chunk's activations go before the next chunk's come
            var length = Math.Min(HessianSet.ChunkSize, count - start);
            var output = Model.forward(train.Inputs.narrow(0, start, length));
            total += loss(output, trainTargets.narrow(0, start, length)).item<float>() * length;
            correct += Loss.Accuracy(output, train.Labels.narrow(0, start, length)) * length;
        }
        Model.train();
        return new MetricsRow(step, total / count, correct / count);
    }

    private MetricsRow MeasureHooks(long step, MetricsRow row)
    {
        var due = hooks.Where(h => Due(h, step)).ToList();
        if (due.Count == 0 || Diverged(row.TrainLoss))
            return row;
        Model.eval();
        var context = new HookContext(step, Model, loss, setup.HessianSet, setup.Test, initialParameters,
                                      Optimizer as IDiagonalPreconditioner, setup.Validation);
        foreach (var hook in due)
            row = hook.Measure(context, row);
        Model.train();
        return row;
    }

    private static bool Due(ITrainingHook hook, long step) => hook.Every > 0 && step % hook.Every == 0;

    private bool Diverged(double trainLoss) => !double.IsFinite(trainLoss) || trainLoss > Spec.DivergenceBound;

    private void SaveCheckpoint()
    {
        if (checkpointDirectory is null) return;
        string saved = Checkpoint.Save(checkpointDirectory, Model, Optimizer, checkpointedHooks);
        // The newest is complete (written beside and renamed) before any other goes: only one stray checkpoint at a time.
        foreach (var older in Checkpoint.All(checkpointDirectory).Where(p => p != saved))
            if (Spec.CheckpointEvery <= 0 || Checkpoint.StepOf(older) % Spec.CheckpointEvery != 0)
                File.Delete(older);
    }
}
