namespace Repro.Pipeline.Reports.Stats;

/// <summary>The runs of one (batch size, η) of the SGD figure; batch size 0 is full batch. Means are over convergent seeds.</summary>
public sealed record SgdCell(int BatchSize, double Lr, int Seeds, int Diverged,
                             IReadOnlyList<double> SharpnessBySeed, IReadOnlyList<double> TestAccuracyBySeed)
{
    public double Sharpness => Statistics.Mean(SharpnessBySeed);
    public double TestAccuracy => Statistics.Mean(TestAccuracyBySeed);
}
