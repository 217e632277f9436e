using Repro.Core.Optimizers;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// One setting of the Clipped-Ada study apart from η and the seed: batch size, optimizer, and for Clipped-Ada the bound c
/// and its side. A run group of the study sweeps η (select_*) or sits at the chosen η (judge_*) of one or more variants.
/// </summary>
public sealed record StudyVariant(int BatchSize, OptimizerKind Optimizer, double ClipBound, bool Floor)
{
    /// <summary>The paper's c values, run as their own row (capped form).</summary>
    public static readonly IReadOnlyList<double> PaperBounds = [0.1, 1, 10];

    public static StudyVariant Of(FinishedRun run) => new(run.Config.BatchSize, run.Config.Optimizer,
        run.Config.Optimizer == OptimizerKind.ClippedAda ? run.Config.ClipBound : double.NaN,
        run.Config.Optimizer == OptimizerKind.ClippedAda && run.Config.ClipsLowerSide);

    public bool IsClippedAda => Optimizer == OptimizerKind.ClippedAda;

    public bool IsPaperBound => IsClippedAda && !Floor && PaperBounds.Contains(ClipBound);

    public string Batch => DisplayNames.BatchSize(BatchSize);

    /// <summary>"Adam", "Clipped-Ada min(√v̂, c), c = 0.04", "Clipped-Ada min(√v̂, c), c = 0.1 (paper's)".</summary>
    public string Label => !IsClippedAda ? Specs.RunChoices.Optimizers.DisplayOf(Optimizer)
        : $"{DisplayNames.ClippedAda} {(Floor ? "max" : "min")}(√v̂, c), c = {Format.G(ClipBound, 2)}" + (IsPaperBound ? " (paper's)" : "");

    /// <summary>Display order: SGD, RMSprop, Adam, then Clipped-Ada capped, floor, paper's, each by c.</summary>
    public (int, double) Order => (Optimizer switch
    {
        OptimizerKind.Gd or OptimizerKind.Sgd => 0,
        OptimizerKind.RmsProp => 1,
        OptimizerKind.Adam => 2,
        _ => IsPaperBound ? 5 : Floor ? 4 : 3,
    }, IsClippedAda ? ClipBound : 0);
}
