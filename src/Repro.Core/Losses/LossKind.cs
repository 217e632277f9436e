namespace Repro.Core.Losses;

public enum LossKind
{
    /// <summary>½‖f(x) − y‖² with one-hot y, summed over outputs and averaged over examples.</summary>
    MeanSquaredError,

    CrossEntropy,
}
