using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// The rotation–sharpness correlation with the tie-proof statistic (the top-2 subspace's rotation between consecutive
/// steps) instead of 1 − |cos(v₁(t), v₁(t−1))|. Its value on seeds 0–4 (ρ ≈ 0.30, reported as exploratory) was seen before
/// this check existed, so it judges only seeds from <see cref="MechanismRules.FirstUnseenSeed"/> on, trained after it was
/// committed; the threshold is the original check's.
/// </summary>
public static class SubspaceRotationCorrelationCheck
{
    public const string Statement = "The rotation of the leading curvature subspace and the sharpness λ₁,t are correlated (tie-proof statistic, unseen seeds).";

    public static readonly string Check =
        $"Spearman ρ between the top-2 subspace rotation between consecutive steps and λ₁,t, pooled over the measurements of seeds ≥ {MechanismRules.FirstUnseenSeed} only, > {MechanismRules.SpearmanThreshold} (≥ 2 seeds)";

    public static Claim Judge(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        var unseen = new RunRequirement($"seed ≥ {MechanismRules.FirstUnseenSeed} (trained after this check)", r =>
            r.Seed >= MechanismRules.FirstUnseenSeed ? null : "seen before the check was written");
        var reached = new RunRequirement("λ₁ reached 2/η", r => Series.EdgeReachedAt(r) is null ? "λ₁ never reached 2/η" : null);
        var screening = Screening.Of(runs.OrderBy(r => r.Seed), [unseen, RunRequirement.NotDiverged, reached], "≥ 2 qualifying seeds");
        if (screening.Seeds < 2)
            return Claim.Inconclusive(artifact, Statement, Check, $"{screening.Seeds} qualifying seeds (needs ≥ 2)").On(screening);
        var pairs = screening.Qualifying.Select(Pairs).ToList();
        double rho = Statistics.Spearman([.. pairs.SelectMany(p => p.Sharpness)], [.. pairs.SelectMany(p => p.Rotation)]);
        var perSeed = screening.Qualifying.Zip(pairs, (r, p) => $"seed {r.Seed}: {F(Statistics.Spearman(p.Sharpness, p.Rotation), 2)}");
        string measured = $"pooled ρ = {F(rho, 3)} over {pairs.Sum(p => p.Sharpness.Count)} measurements; per seed {string.Join(", ", perSeed)} "
                          + Screening.SeedNote(screening.Seeds);
        return Claim.Judge(artifact, Statement, Check, measured, rho > MechanismRules.SpearmanThreshold).On(screening);
    }

    private static (List<double> Sharpness, List<double> Rotation) Pairs(FinishedRun run)
    {
        var sharpness = Series.Rows(run, MetricColumns.Sharpness);
        var rotation = Series.Rows(run, MetricColumns.SubspaceRotation);
        var kept = Enumerable.Range(0, sharpness.Length).Where(i => double.IsFinite(sharpness[i]) && double.IsFinite(rotation[i])).ToList();
        return ([.. kept.Select(i => sharpness[i])], [.. kept.Select(i => rotation[i])]);
    }
}
