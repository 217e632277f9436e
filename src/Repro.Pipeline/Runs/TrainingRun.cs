using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Core;
using Repro.Core.Training;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Runs;

/// <summary>
/// Trains a <see cref="TrainingSpec"/> into a folder: <c>spec.json</c>, <c>metrics.csv</c> (streamed row by row),
/// <c>checkpoints/</c> and <c>outcome.json</c>. A folder left by a killed attempt of the same spec is resumed from its
/// newest checkpoint. Used by <c>repro train --out</c> and by the run store alike.
/// </summary>
public static class TrainingRun
{
    public static readonly JsonSerializerOptions SpecJson = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter(), new OptimizerSpecJsonConverter() } };

    /// <param name="budget">Cancelled when the time budget is spent: the run checkpoints at the next step boundary and
    /// throws <see cref="RunStoppedException"/>; the folder then holds everything the next invocation resumes from.</param>
    /// <param name="checkpointInterval">Wall time between checkpoints (<see cref="Trainer.Run"/>); null for the default.</param>
    /// <param name="startFrom">A checkpoint holding the run's starting parameters (another run's final iterate), or null.</param>
    public static TrainingOutcome Execute(TrainingSpec spec, string dataDirectory, string folder, TextWriter log, Action<MetricsRow>? onRow = null,
                                          CancellationToken budget = default, TimeSpan? checkpointInterval = null, string? startFrom = null)
    {
        Core.TorchDevice.Resolve(spec.Device);   // CUDA on a CPU-only build: bad input, before anything is written
        Directory.CreateDirectory(folder);
        string specPath = Path.Combine(folder, RunFiles.Spec);
        if (File.Exists(specPath) && Directory.Exists(Path.Combine(folder, RunFiles.Checkpoints)))
        {
            // Resuming is only exact for the same run; only the step budget may grow.
            var previous = ReadSpec(folder);
            if (previous with { Steps = 0 } != spec with { Steps = 0 })
                throw new ArgumentException($"{folder} holds checkpoints of a different run (see {RunFiles.Spec}); use a new folder");
            // A smaller budget would leave checkpoints and metrics past it under a spec that says otherwise: refused,
            // the folder untouched. (Resuming up to the new budget from an earlier checkpoint is fine.)
            if (Checkpoint.Latest(Path.Combine(folder, RunFiles.Checkpoints)) is { } latest && Checkpoint.StepOf(latest) is { } reached && reached > spec.Steps)
                throw new ArgumentException($"{folder} holds a run trained to step {reached}, past --steps {spec.Steps}; use a new folder or at least {reached} steps");
        }
        File.WriteAllText(specPath, JsonSerializer.Serialize(spec, SpecJson));

        using var data = TrainingData.Load(spec, dataDirectory);
        var (trainer, metrics) = Open(spec, data, folder, log, startFrom);
        using var ownedTrainer = trainer;
        using var ownedMetrics = metrics;
        if (trainer.ResumedFromStep is { } resumed)
            log.WriteLine($"resuming from the checkpoint at step {resumed}");
        var clock = System.Diagnostics.Stopwatch.StartNew();   // the training loop only: the rate of steps for an estimate of the time left
        var session = trainer.Run(row =>
        {
            metrics.Write(row);
            onRow?.Invoke(row);
        }, budget, checkpointInterval);
        metrics.Dispose();
        if (session.Reason == StopReason.Cancelled)
        {
            PartialRun.Record(folder, trainer.ResumedFromStep ?? 0, session.FinalStep, spec.Steps, clock.Elapsed.TotalSeconds);
            throw new RunStoppedException(folder, session.FinalStep, spec.Steps);
        }
        PartialRun.Clear(folder);
        if (spec.DistanceToFinalEvery > 0)
            AddDistanceToFinal(Path.Combine(folder, RunFiles.Metrics), trainer.DistancesToFinal());
        var outcome = session.Reason switch
        {
            StopReason.Diverged => TrainingOutcome.DivergedAt(checked((int)session.FinalStep)),
            StopReason.TrainAccuracyReached => TrainingOutcome.Completed(checked((int)session.FinalStep), $"train accuracy ≥ {spec.StopAtTrainAccuracy:G4} twice"),
            _ => TrainingOutcome.Completed(checked((int)session.FinalStep)),
        };
        OutcomeFile.Save(outcome, folder);
        return outcome;
    }

    /// <summary>
    /// The trainer and metrics writer of the run in <paramref name="folder"/>, resuming what a stopped attempt left
    /// there. That partial work may come from elsewhere (the nightly carries it between machines as an artifact), so
    /// if it cannot be resumed (a damaged checkpoint or metrics file) it is moved aside, never deleted, with one line
    /// saying why, and the run starts from step 0: damage costs the steps it held, not every later attempt.
    /// </summary>
    private static (Trainer Trainer, MetricsCsvWriter Metrics) Open(TrainingSpec spec, TrainingData data, string folder, TextWriter log, string? startFrom)
    {
        try
        {
            return OpenOnce(spec, data, folder, startFrom);
        }
        catch (InvalidDataException e)
        {
            string aside = SetAside(folder);
            log.WriteLine($"warning: the partial work in {folder} cannot be resumed ({e.Message}); moved to {aside}, training from step 0");
            return OpenOnce(spec, data, folder, startFrom);
        }
    }

    private static (Trainer, MetricsCsvWriter) OpenOnce(TrainingSpec spec, TrainingData data, string folder, string? startFrom)
    {
        var trainer = new Trainer(spec, data, extraHooks: null, Path.Combine(folder, RunFiles.Checkpoints), startFrom);
        try
        {
            return (trainer, new MetricsCsvWriter(Path.Combine(folder, RunFiles.Metrics), trainer.ResumedFromStep, rowEveryStep: spec.FullBatch));
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    // Checkpoints, metrics and progress move to .rejected/<folder name>.<time>/ beside the folder: out of the way of the
    // run (and of a store, which publishes every file in the folder and skips dot-folders), kept for a look.
    private static string SetAside(string folder)
    {
        folder = Path.GetFullPath(folder);
        string aside = Path.Combine(Path.GetDirectoryName(folder)!, RunFiles.Rejected,
                                    $"{Path.GetFileName(folder)}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}.{Environment.ProcessId}");
        Directory.CreateDirectory(aside);
        foreach (var name in new[] { RunFiles.Checkpoints, RunFiles.Metrics, RunFiles.Partial })
        {
            string item = Path.Combine(folder, name);
            if (Directory.Exists(item)) Directory.Move(item, Path.Combine(aside, name));
            else if (File.Exists(item)) File.Move(item, Path.Combine(aside, name));
        }
        return aside;
    }

    /// <summary>Adds ‖θ_t − θ*‖₂, known only once the run has ended, as a column of the finished metrics file.</summary>
    private static void AddDistanceToFinal(string metricsPath, IReadOnlyDictionary<long, double> distances)
    {
        var frame = MetricsCsv.Load(metricsPath);
        var steps = MetricsCsv.Doubles(frame, MetricColumns.Step);
        frame.Columns.Add(new Microsoft.Data.Analysis.DoubleDataFrameColumn(MetricColumns.DistanceToFinal,
            steps.Select(s => distances.TryGetValue((long)s, out double d) ? d : (double?)null)));
        MetricsCsv.Save(frame, metricsPath);
    }

    public static TrainingSpec ReadSpec(string folder) => ReadSpecFile(Path.Combine(folder, RunFiles.Spec));

    /// <summary>A <c>spec.json</c> as this class writes it; the one reader of the format (the run folder, <c>repro curvature</c>).</summary>
    public static TrainingSpec ReadSpecFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingSpec>(File.ReadAllText(path), SpecJson) ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: not a spec.json written by repro ({e.Message.Split('.')[0]})");
        }
    }

    /// <summary>
    /// Keeps only the newest checkpoint, as model and optimizer state (<see cref="Checkpoint.KeepModelOnly"/>): what a
    /// finished store entry needs for `repro curvature`. Not for `repro train` folders, which a longer run may resume.
    /// </summary>
    public static void KeepFinalCheckpoint(string folder)
    {
        string checkpoints = Path.Combine(folder, RunFiles.Checkpoints);
        if (!Directory.Exists(checkpoints)) return;   // a run that diverged before its first checkpoint has none
        if (Checkpoint.Latest(checkpoints) is not { } latest) return;
        string final = Checkpoint.KeepModelOnly(latest);
        foreach (var file in Directory.EnumerateFiles(checkpoints).Where(f => f != final))
            File.Delete(file);
    }
}
