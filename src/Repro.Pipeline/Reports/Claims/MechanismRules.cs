namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// The thresholds of the mechanism checks (issue 23), in one place, fixed in code before any run that judges them was
/// trained. Each is a conventional level, not a fitted one; the checks' own files say what each compares.
/// </summary>
public static class MechanismRules
{
    /// <summary>A rank correlation at least this strong (in the claimed direction) is a clear monotone trend, not a tendency.</summary>
    public const double StrongSpearman = 0.5;

    /// <summary>The significance level of the one-sided and F tests of these checks.</summary>
    public const double Alpha = 0.01;

    /// <summary>At least this many training η, so that "falls as η grows" is a trend and not one comparison.</summary>
    public const int MinimumLearningRates = 3;

    /// <summary>A spike counts as an instability when λ₁ rises at least this far above 2/η (5%) before it falls back.</summary>
    public const double SpikeMargin = 0.05;

    /// <summary>Steps before the fall of λ₁ back to 2/η in which the rotation of an instability is measured.</summary>
    public const int WindowBeforeFall = 5;

    /// <summary>Instabilities needed for the event study to judge.</summary>
    public const int MinimumEvents = 10;

    /// <summary>The event study's effect: the mean percentile of the pre-fall rotation among circularly shifted windows.</summary>
    public const double MinimumMeanPercentile = 0.6;

    /// <summary>The equal-loss level: this multiple of the largest of the judged runs' lowest training losses, reached by all.</summary>
    public const double EqualLossFactor = 1.5;

    /// <summary>Seeds trained after the subspace-rotation correlation (ρ ≈ 0.30–0.36 on seeds 0–4) was seen: the only ones it judges.</summary>
    public const int FirstUnseenSeed = 5;

    /// <summary>
    /// The rotation correlation's threshold (FigureRotationCorrelation's claim and the subspace check). Fixed before the
    /// runs. 0.3 is the usual lower edge of a "moderate" rank correlation; the paper reports "strong" correlations, so this
    /// is a lenient reading of its claim, and Spearman because the rotation statistic is heavy-tailed.
    /// </summary>
    public const double SpearmanThreshold = 0.3;
}
