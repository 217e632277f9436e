namespace Repro.Pipeline.Reports.Stats;

/// <summary>
/// Two settings compared seed by seed (differences b − a of matched seeds): the mean difference, its sample standard
/// deviation, Student's t and the two-sided p-value (NaN below two pairs).
/// </summary>
public sealed record PairedComparison(int Pairs, double MeanDifference, double StdDifference, double T, double P);
