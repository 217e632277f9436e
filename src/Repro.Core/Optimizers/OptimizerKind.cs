namespace Repro.Core.Optimizers;

public enum OptimizerKind
{
    /// <summary>Full-batch gradient descent.</summary>
    Gd,

    /// <summary>Minibatch SGD, optionally with momentum.</summary>
    Sgd,
    RmsProp,
    Adam,
    ClippedAda,
}
