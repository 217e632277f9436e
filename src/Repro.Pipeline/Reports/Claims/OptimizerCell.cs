using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// The runs of one optimizer setting on one data set: final test accuracy, sharpness and mean clip fraction per convergent
/// seed (clip fraction NaN for runs that did not record it). <see cref="Exploratory"/> cells come from a run group added
/// after the pre-registered comparison and never enter its claim.
/// </summary>
public sealed record OptimizerCell(string Dataset, string Optimizer, int Seeds, int Diverged,
                                   IReadOnlyList<double> TestAccuracyBySeed, IReadOnlyList<double> SharpnessBySeed,
                                   bool Exploratory = false, IReadOnlyList<double>? ClipFractionBySeed = null)
{
    public double TestAccuracy => Statistics.Mean(TestAccuracyBySeed);
    public double Sharpness => Statistics.Mean(SharpnessBySeed);
    public double ClipFraction => Statistics.Mean([.. (ClipFractionBySeed ?? []).Where(double.IsFinite)]);
    public bool IsClippedAda => Optimizer.StartsWith(DisplayNames.ClippedAda, StringComparison.Ordinal);
    public string Label => Exploratory ? $"{Optimizer} (exploratory)" : Optimizer;
}
