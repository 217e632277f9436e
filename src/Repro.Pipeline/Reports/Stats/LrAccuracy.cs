namespace Repro.Pipeline.Reports.Stats;

/// <summary>One learning rate of a sweep: final test accuracy over its convergent seeds, and how many of its runs diverged.</summary>
public readonly record struct LrAccuracy(double Lr, double Mean, double Std, IReadOnlyList<double> Accuracies, int Diverged, int Runs);
