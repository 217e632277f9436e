namespace Repro.Core.Curvature;

/// <summary>
/// Both ends of a spectrum from one Lanczos run: the largest eigenpairs (values descending) and the
/// smallest (values ascending, so <c>Smallest.Values[0]</c> is λ_min). Both report the run's total HVP count.
/// </summary>
public sealed record ExtremeEigenpairs(Eigenpairs Largest, Eigenpairs Smallest) : IDisposable
{
    public double Sharpness => Largest.Values[0];

    public double MostNegative => Smallest.Values[0];

    public void Dispose()
    {
        Largest.Dispose();
        Smallest.Dispose();
    }
}
