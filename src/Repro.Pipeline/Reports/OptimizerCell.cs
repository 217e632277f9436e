namespace Repro.Pipeline.Reports;

/// <summary>The runs of one optimizer setting on one data set: final test accuracy and sharpness per convergent seed.</summary>
public sealed record OptimizerCell(string Dataset, string Optimizer, int Seeds, int Diverged,
                                   IReadOnlyList<double> TestAccuracyBySeed, IReadOnlyList<double> SharpnessBySeed)
{
    public double TestAccuracy => Statistics.Mean(TestAccuracyBySeed);
    public double Sharpness => Statistics.Mean(SharpnessBySeed);
    public bool IsClippedAda => Optimizer.StartsWith(OptimizerComparison.ClippedAdaName, StringComparison.Ordinal);
}
