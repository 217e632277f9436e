using Repro.Core.Optimizers;

namespace Repro.Pipeline.Specs;

/// <summary>Rules that tie fields together (what a model needs), checked for every resolved run at load.</summary>
public static class RunRules
{
    public static string? Problem(RunConfig config)
    {
        var run = config.Settings;
        if (run.DiagonalNetwork is { } diagonal)
            return diagonal.Init.Count == 0 ? "diagonal-linear-2 needs 'init: [a, b]'"
                : diagonal.Init.Count != 2 ? "diagonal-linear-2 needs exactly two initial values [a, b]"
                : run.Precision != "float64" ? "diagonal-linear-2 runs in float64 only (set dtype: float64)"
                : run.Optimizer != OptimizerKind.Gd ? "diagonal-linear-2 is trained with full-batch gd only"
                : null;
        var trainer = run.Trainer!;
        return run.Precision != "float32" ? $"model {run.ModelName} is trained in float32 only"
            : run.Optimizer == OptimizerKind.Gd && trainer.BatchSize != 0 ? "gd is full-batch: leave batch_size at 0, or use sgd for minibatches"
            : trainer.BatchSize > trainer.TrainSize ? $"batch_size {trainer.BatchSize} is larger than train_size {trainer.TrainSize}"
            : trainer.ValidationSize >= trainer.TrainSize ? $"validation_size {trainer.ValidationSize} leaves nothing of train_size {trainer.TrainSize} to train on"
            : trainer.BatchSize > trainer.TrainSize - trainer.ValidationSize
                ? $"batch_size {trainer.BatchSize} is larger than the {trainer.TrainSize - trainer.ValidationSize} images left after validation_size"
            : null;
    }
}
