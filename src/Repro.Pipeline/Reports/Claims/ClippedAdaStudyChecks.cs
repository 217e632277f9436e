using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// The study's checks, written and committed before the fresh-seed (judge_*) runs they judge were trained. Each is judged per
/// batch size on the Clipped-Ada variant <see cref="ClippedAdaStudy.BestClippedAda"/> picks (on validation accuracy, among those
/// whose clip binds) against Adam, each at its validation-chosen η, over the fresh seeds; PASS if every batch size passes,
/// FAIL if any judged one fails, INCONCLUSIVE otherwise. A batch size is judged only with ≥ <see cref="MinimumSeeds"/> fresh
/// seeds shared by both, all at the chosen η.
/// </summary>
public static class ClippedAdaStudyChecks
{
    public const int MinimumSeeds = 5;

    public const string ClipActsStatement =
        "Precondition of the Clipped-Ada study: the clip acts. Each calibrated Clipped-Ada variant binds on ≥ 1 % of coordinates over training.";

    public const string BeatsAdamStatement =
        "Restoring instabilities in Adam improves generalisation: the best Clipped-Ada beats the best Adam on test accuracy (validation-chosen η and c).";

    public const string InstabilityStatement =
        "Clipped-Ada restores the instabilities Adam's preconditioning suppresses: it spends more of training above Adam's threshold 38/η, or spikes more.";

    /// <summary>What the compared variants must satisfy, fixed with the checks.</summary>
    public const string Preconditions =
        "η and the Clipped-Ada variant chosen on validation accuracy (selection seeds 10-11); the variant's clip binds on ≥ 1 % of coordinates "
        + "in its selection runs at the chosen η; ≥ 5 fresh seeds (0-4) shared by Adam and the variant, all at the chosen η";

    public static IReadOnlyList<string> Statements => [ClipActsStatement, BeatsAdamStatement, InstabilityStatement];

    /// <summary>Every calibrated (not the paper's) Clipped-Ada variant: mean clip_fraction over its fresh runs ≥ 1 %.</summary>
    public static Claim ClipActs(string artifact, IReadOnlyList<VariantResult> variants)
    {
        string check = $"every calibrated Clipped-Ada variant: clip_fraction averaged over the recorded steps of each fresh run, then over seeds, ≥ {Percent(ClippedAdaStudy.MinimumClipFraction)}";
        var calibrated = variants.Where(v => v.Variant.IsClippedAda && !v.Variant.IsPaperBound).ToList();
        if (calibrated.All(v => v.Judged.Count == 0)) return Claim.Inconclusive(artifact, ClipActsStatement, check, "no fresh Clipped-Ada runs at calibrated c");
        // "Each" variant: one still training (or never trained) leaves the precondition open, never passed on the others.
        var incomplete = calibrated.Where(v => v.Judged.Count < MinimumSeeds).ToList();
        if (incomplete.Count > 0)
            return Claim.Inconclusive(artifact, ClipActsStatement, check,
                string.Join("; ", incomplete.Select(v => $"{v.Variant.Batch}, {v.Variant.Label}: {v.Judged.Count} of {MinimumSeeds} fresh seeds")));
        var lines = calibrated.Select(v => $"{v.Variant.Batch}, {v.Variant.Label}: {Percent(v.JudgedClipFraction)}").ToList();
        bool holds = calibrated.All(v => v.JudgedClipFraction >= ClippedAdaStudy.MinimumClipFraction);
        var paper = variants.Where(v => v.Variant.IsPaperBound && v.Judged.Count > 0).Select(v => $"{v.Variant.Batch}, {v.Variant.Label}: {Percent(v.JudgedClipFraction)}");
        return Claim.Judge(artifact, ClipActsStatement, check, string.Join("; ", lines) + (paper.Any() ? "; not judged, the paper's c: " + string.Join("; ", paper) : ""), holds);
    }

    /// <summary>Paired over fresh seeds: mean(test accuracy of the best Clipped-Ada − Adam's) &gt; √(p(1 − p)/n), p Adam's mean, n test images.</summary>
    public static Claim BeatsAdam(string artifact, IReadOnlyList<VariantResult> variants) => PerBatch(artifact, BeatsAdamStatement,
        "per batch size: paired mean over the fresh seeds of test accuracy (best Clipped-Ada − Adam) > one binomial SE √(p(1 − p)/n) "
        + "(p Adam's mean test accuracy, n the test images); a diverged run scores chance (10 %)",
        variants, (adam, clipped, pairs) =>
        {
            var paired = SeedPairing.Compare(adam.Judged, clipped.Judged, ClippedAdaStudy.TestAccuracy);
            double p = Statistics.Mean(adam.TestAccuracies);
            int n = adam.Judged[0].Config.TestSize;
            double se = Statistics.BinomialStandardError(p, n);
            bool holds = paired.MeanDifference > se;
            return (holds, $"{clipped.Variant.Label} at η = {G(clipped.ChosenLr)} {F(100 * Statistics.Mean(clipped.TestAccuracies), 1)}% vs Adam at η = {G(adam.ChosenLr)} "
                           + $"{F(100 * p, 1)}%, {Paired(paired, 2, 100)} pp against one binomial SE {F(100 * se, 2)} pp ({Count(n)} test images); "
                           + $"the clip binds on {Percent(clipped.JudgedClipFraction)} of coordinates");
        });

    /// <summary>Means over the fresh seeds: Clipped-Ada's share of measurements above 38/η &gt; Adam's, or its loss spikes &gt; Adam's.</summary>
    public static Claim Instability(string artifact, IReadOnlyList<VariantResult> variants) => PerBatch(artifact, InstabilityStatement,
        "per batch size, means over the fresh seeds: share of curvature measurements (after step 0) with preconditioned sharpness "
        + "λ₁(P^{-1/2}HP^{-1/2}) ≥ (2 + 2β₁)/((1 − β₁)η), best Clipped-Ada > Adam; or the number of loss spikes (full training loss "
        + $"above {ClippedAdaStudy.SpikeFactor:0}× its running minimum), best Clipped-Ada > Adam",
        variants, (adam, clipped, pairs) =>
        {
            double adamAbove = Statistics.Mean([.. adam.Judged.Select(ClippedAdaStudy.TimeAboveThreshold).Where(double.IsFinite)]);
            double clippedAbove = Statistics.Mean([.. clipped.Judged.Select(ClippedAdaStudy.TimeAboveThreshold).Where(double.IsFinite)]);
            double adamSpikes = Statistics.Mean([.. adam.Judged.Select(r => (double)ClippedAdaStudy.Spikes(r))]);
            double clippedSpikes = Statistics.Mean([.. clipped.Judged.Select(r => (double)ClippedAdaStudy.Spikes(r))]);
            double adamPeak = Statistics.Mean([.. adam.Judged.Select(ClippedAdaStudy.PeakOverThreshold).Where(double.IsFinite)]);
            double clippedPeak = Statistics.Mean([.. clipped.Judged.Select(ClippedAdaStudy.PeakOverThreshold).Where(double.IsFinite)]);
            if (!double.IsFinite(adamAbove) || !double.IsFinite(clippedAbove)) return (null, "preconditioned sharpness not measured");
            bool holds = clippedAbove > adamAbove || clippedSpikes > adamSpikes;
            return (holds, $"{clipped.Variant.Label}: above 38/η at {Percent(clippedAbove)} of measurements, {F(clippedSpikes, 1)} spikes, peak "
                           + $"{G(clippedPeak)}×38/η; Adam: {Percent(adamAbove)}, {F(adamSpikes, 1)} spikes, peak {G(adamPeak)}×38/η");
        });

    private static Claim PerBatch(string artifact, string statement, string check, IReadOnlyList<VariantResult> variants,
                                  Func<VariantResult, VariantResult, int, (bool? Holds, string Line)> judge)
    {
        var lines = new List<string>();
        bool fails = false, inconclusive = false;
        var batches = variants.GroupBy(v => v.Variant.BatchSize).ToList();
        foreach (var batch in batches)
        {
            string name = batch.First().Variant.Batch;
            var adam = ClippedAdaStudy.Adam(batch);
            var clipped = ClippedAdaStudy.BestClippedAda(batch);
            string? missing = adam is null ? "no Adam runs"
                : clipped is null ? $"no Clipped-Ada variant binds on ≥ {Percent(ClippedAdaStudy.MinimumClipFraction)} of coordinates in its selection runs"
                : !adam.JudgedAtChosenLr || !clipped.JudgedAtChosenLr ? "fresh runs missing or not at the validation-chosen η"
                : null;
            int pairs = missing is null ? adam!.Judged.Select(r => r.Seed).Intersect(clipped!.Judged.Select(r => r.Seed)).Count() : 0;
            if (missing is null && pairs < MinimumSeeds) missing = $"{pairs} fresh seeds shared, {MinimumSeeds} needed";
            if (missing is not null)
            {
                inconclusive = true;
                lines.Add($"{name}: INCONCLUSIVE, {missing}");
                continue;
            }
            var (holds, line) = judge(adam!, clipped!, pairs);
            if (holds is null) inconclusive = true;
            else fails |= holds == false;
            lines.Add($"{name}: {(holds is null ? "INCONCLUSIVE, " : holds.Value ? "" : "fails, ")}{line}");
        }
        string text = string.Join("; ", lines);
        var claim = batches.Count == 0 ? Claim.Inconclusive(artifact, statement, check, "no selection or fresh runs")
            : fails ? Claim.Judge(artifact, statement, check, text, holds: false)
            : inconclusive ? Claim.Inconclusive(artifact, statement, check, text)
            : Claim.Judge(artifact, statement, check, text, holds: true);
        return claim with { Preconditions = Preconditions };
    }
}
