using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>One variant of the study: its η sweep on the validation split, the η chosen there, and its fresh-seed runs.</summary>
public sealed record VariantResult(StudyVariant Variant, IReadOnlyList<(double Lr, double Validation, int Runs)> Sweep, double ChosenLr,
                                   IReadOnlyList<FinishedRun> Selection, IReadOnlyList<FinishedRun> Judged)
{
    /// <summary>Mean validation accuracy of the selection runs at the chosen η.</summary>
    public double Validation => Sweep.FirstOrDefault(s => s.Lr == ChosenLr).Validation;

    /// <summary>Every fresh run sits at the η the validation split chose (else the comparison is not the registered one).</summary>
    public bool JudgedAtChosenLr => Judged.Count > 0 && Judged.All(r => Math.Abs(r.Lr - ChosenLr) <= 1e-9 * ChosenLr);

    public double SelectionClipFraction => Statistics.Mean([.. Selection.Select(OptimizerComparison.MeanClipFraction).Where(double.IsFinite)]);

    public double JudgedClipFraction => Statistics.Mean([.. Judged.Select(OptimizerComparison.MeanClipFraction).Where(double.IsFinite)]);

    public IReadOnlyList<double> TestAccuracies => [.. Judged.Select(ClippedAdaStudy.TestAccuracy)];
}
