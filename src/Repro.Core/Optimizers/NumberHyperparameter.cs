namespace Repro.Core.Optimizers;

/// <summary>A real-valued hyperparameter (β₁, ε, Clipped-Ada's c, …) with its default and the range it must lie in.</summary>
public sealed record NumberHyperparameter(string Name, string Description, double Default, NumberRange Range)
    : Hyperparameter(Name, Description);
