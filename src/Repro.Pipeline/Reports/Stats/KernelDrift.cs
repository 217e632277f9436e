namespace Repro.Pipeline.Reports.Stats;

/// <summary>
/// How far a quantity moved when the same run was retrained with other CPU kernels (measured on this 2-core AMD EPYC VM with
/// <c>repro reproduce</c>: ATen's AVX-512 kernels against its scalar ones, <c>ATEN_CPU_CAPABILITY=default</c>; AVX2 against
/// AVX-512 changed no bit here; see docs/benchmarks.md). Each bound is the largest relative difference of that
/// metrics.csv column over the whole run, so it bounds per-step values; the statistics the claims judge (medians over a
/// third of a run, means over seeds) move less. A verdict whose margin is below the bound could flip on another machine.
/// Exploratory (added after the results): the bounds come from three quick-profile runs, not from the paper profile.
/// </summary>
public static class KernelDrift
{
    /// <summary>λ₁ of full-batch GD at its stability edge (Figure1, η = 0.2, 3,000 steps): loss spikes land on other steps.</summary>
    public static readonly DriftBound FullBatchSharpness = new("λ₁ of full-batch GD at its edge", 0.21);

    /// <summary>λ₁ of SGD at its edge (FigureSGD, batch 200, η = 0.1, 1,000 steps); away from the edge (batch 50) 2e-7.</summary>
    public static readonly DriftBound MinibatchSharpness = new("λ₁ of SGD at its edge", 0.036);

    /// <summary>Test accuracy on 200 images: 3.1 % for full-batch GD at its edge, 0 for the SGD runs.</summary>
    public static readonly DriftBound TestAccuracy = new("test accuracy", 0.031);
}

/// <summary>The largest relative difference of one quantity between kernels (<see cref="KernelDrift"/>).</summary>
public sealed record DriftBound(string Quantity, double Relative);

/// <summary>
/// A verdict's margin, the smallest relative change of the judged quantity that would give the other verdict, set against
/// the kernels' drift of that quantity. <see cref="Inside"/>: the margin lies inside the drift, so another machine could
/// give the other verdict.
/// </summary>
public sealed record DriftCheck(double Margin, DriftBound Bound)
{
    public bool Inside => !(Margin > Bound.Relative);

    /// <summary>
    /// The margin of a claim that holds when every part holds. Each part is signed: by how much (relative) it holds, or
    /// fails if negative. A passing claim flips when its weakest part does; a failing one only when every failing part does.
    /// </summary>
    public static DriftCheck Of(IEnumerable<double> parts, DriftBound bound)
    {
        var signed = parts.Where(double.IsFinite).ToList();
        if (signed.Count == 0) return new DriftCheck(double.NaN, bound);
        return new DriftCheck(signed.All(p => p > 0) ? signed.Min() : signed.Where(p => p <= 0).Max(Math.Abs), bound);
    }

    /// <summary>The parts of "this sequence strictly falls": each relative drop (a rise is a negative part).</summary>
    public static IEnumerable<double> Drops(IEnumerable<double> falling)
    {
        var values = falling.ToList();
        return values.Zip(values.Skip(1), (a, b) => (a - b) / Math.Max(Math.Abs(a), Math.Abs(b)));
    }
}
