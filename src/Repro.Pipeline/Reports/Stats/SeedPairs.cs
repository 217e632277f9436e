namespace Repro.Pipeline.Reports.Stats;

/// <summary>One seed's paired measurements (λ₁,t, 1 − |cos(v₁(t), v₁(t−1))|); seed −1 stands for all seeds pooled.</summary>
public sealed record SeedPairs(int Seed, IReadOnlyList<double> Sharpness, IReadOnlyList<double> Rotation)
{
    public int Count => Sharpness.Count;
}
