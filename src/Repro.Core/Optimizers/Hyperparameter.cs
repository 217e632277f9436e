namespace Repro.Core.Optimizers;

/// <summary>
/// One setting of an update rule, as a run sets it: its name (the run field, snake_case), what it means, its default
/// and the values it may take. <see cref="OptimizerCatalog"/> lists them all; the pipeline makes a run field of each.
/// </summary>
public abstract record Hyperparameter(string Name, string Description);
