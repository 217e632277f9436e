namespace Repro.Core.Optimizers;

/// <summary>
/// An optimizer and its hyper-parameters. BatchSize null means full batch (required for GD, optional for the
/// others). WarmupSteps &gt; 0 ramps η linearly from η/WarmupSteps to η. The update rule's own hyperparameters
/// (β₁, ε, c, …: <see cref="OptimizerCatalog.Hyperparameters"/>) are in <see cref="Hyperparameters"/>, defaults unless set.
/// </summary>
public sealed record OptimizerSpec(OptimizerKind Kind, double LearningRate, int? BatchSize = null, int WarmupSteps = 0)
{
    public HyperparameterValues Hyperparameters { get; init; } = HyperparameterValues.Defaults;

    public LinearWarmup Schedule => new(LearningRate, WarmupSteps);

    /// <summary>This spec with one number hyperparameter set (<see cref="HyperparameterValues.With(NumberHyperparameter, double)"/>).</summary>
    public OptimizerSpec With(NumberHyperparameter parameter, double value) => this with { Hyperparameters = Hyperparameters.With(parameter, value) };

    /// <summary>This spec with one choice hyperparameter set by name.</summary>
    public OptimizerSpec With(ChoiceHyperparameter parameter, string name) => this with { Hyperparameters = Hyperparameters.With(parameter, name) };
}
