using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// The abstract's "rotations increase with the learning rate", with a rotation statistic eigenvalue ties cannot fake:
/// the sine of the largest principal angle between consecutive top-2 Hessian eigenspaces (two near-equal leading
/// eigenvalues swapping order leave it at 0, where 1 − |cos(v₁(t), v₁(t−Δ))| jumps to 1). Per run, its mean over the
/// unstable phase (from the first measurement with λ₁ ≥ 2/η on).
/// </summary>
public static class RotationGrowthCheck
{
    public const string Statement = "Rotations of the leading curvature directions increase with the learning rate.";

    public static readonly string Check =
        $"Spearman ρ between η and each run's mean top-2 subspace rotation over its unstable phase, pooled over seeds, ≥ {MechanismRules.StrongSpearman} (≥ {MechanismRules.MinimumLearningRates} η)";

    private const int MinimumMeasurements = 3;

    public static Claim Judge(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        var enough = new RunRequirement($"≥ {MinimumMeasurements} subspace-rotation measurements after λ₁ reached 2/η", r =>
            Series.EdgeReachedAt(r) is null ? "λ₁ never reached 2/η"
            : UnstableRotations(r).Length < MinimumMeasurements ? $"{UnstableRotations(r).Length} subspace-rotation measurements after λ₁ reached 2/η" : null);
        var screening = Screening.Of(runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed), [RunRequirement.NotDiverged, enough],
                                     $"≥ {MechanismRules.MinimumLearningRates} η with a qualifying run");
        var judged = screening.Qualifying;
        var byLr = judged.GroupBy(r => r.Lr).OrderBy(g => g.Key).ToList();
        if (byLr.Count < MechanismRules.MinimumLearningRates)
            return Claim.Inconclusive(artifact, Statement, Check, $"{byLr.Count} η with qualifying runs (needs ≥ {MechanismRules.MinimumLearningRates})").On(screening);
        double rho = Statistics.Spearman([.. judged.Select(r => r.Lr)], [.. judged.Select(MeanRotation)]);
        var parts = byLr.Select(g => $"η={G(g.Key)}: {MeanStd([.. g.Select(MeanRotation)], 3)}");
        string measured = "mean sine of the top-2 subspace's rotation between measurements, unstable phase: " + string.Join("; ", parts)
                          + $"; Spearman ρ = {F(rho, 3)} over {judged.Count} runs " + Screening.SeedNote(screening.Seeds);
        return Claim.Judge(artifact, Statement, Check, measured, rho >= MechanismRules.StrongSpearman).On(screening);
    }

    public static double MeanRotation(FinishedRun run) => Statistics.Mean(UnstableRotations(run));

    private static double[] UnstableRotations(FinishedRun run)
    {
        if (Series.EdgeReachedAt(run) is not { } from) return [];
        var (steps, rotation) = Series.Measured(run, MetricColumns.SubspaceRotation);
        return [.. rotation.Where((_, i) => steps[i] >= from)];
    }
}
