using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>
/// The optimizers and their hyperparameters, in one place: each hyperparameter's name, meaning, default and range, and
/// how each optimizer is built from them. The pipeline reads <see cref="Hyperparameters"/> to make its run fields, so
/// a new optimizer is its class, its <see cref="OptimizerKind"/>, its entries here and its YAML name in the pipeline.
/// </summary>
public static class OptimizerCatalog
{
    public static readonly NumberHyperparameter Momentum = new("momentum", "Heavy-ball momentum μ (sgd).", 0, NumberRange.UnitInterval);
    public static readonly NumberHyperparameter Beta1 = new("beta1", "First-moment decay β₁ (adam, clipped-ada).", 0.9, NumberRange.UnitInterval);
    public static readonly NumberHyperparameter Beta2 = new("beta2", "Second-moment decay β₂ (adam, clipped-ada).", 0.999, NumberRange.UnitInterval);
    public static readonly NumberHyperparameter Alpha = new("alpha", "RMSprop's averaging constant.", 0.99, NumberRange.UnitInterval);
    public static readonly NumberHyperparameter Epsilon = new("epsilon", "ε in the adaptive denominators.", 1e-8, NumberRange.Positive);
    public static readonly NumberHyperparameter ClipBound = new("clip_bound", "Clipped-Ada's bound c on √v̂.", 1, NumberRange.Positive);
    public static readonly ChoiceHyperparameter<ClipSide> ClipSideChoice = new("clip_side", "upper: min(√v̂, c); lower: max(√v̂, c).",
        [("upper", ClipSide.Upper), ("lower", ClipSide.Lower)]);

    /// <summary>
    /// Every hyperparameter, in the order the run fields list them (a new one goes at the end). One hyperparameter may
    /// serve several optimizers (ε serves RMSprop, Adam and Clipped-Ada).
    /// </summary>
    public static readonly IReadOnlyList<Hyperparameter> Hyperparameters = [Momentum, Beta1, Beta2, Alpha, Epsilon, ClipBound, ClipSideChoice];

    public static Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters)
    {
        var h = spec.Hyperparameters;
        return spec.Kind switch
        {
            OptimizerKind.Gd or OptimizerKind.Sgd => new GradientDescent(parameters, h[Momentum]),
            OptimizerKind.RmsProp => new RmsProp(parameters, h[Alpha], h[Epsilon]),
            OptimizerKind.Adam => new Adam(parameters, h[Beta1], h[Beta2], h[Epsilon]),
            OptimizerKind.ClippedAda => new ClippedAda(parameters, h[ClipBound], h.ValueOf(ClipSideChoice), h[Beta1], h[Beta2], h[Epsilon]),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
        };
    }
}
