using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

public static class OptimizerFactory
{
    public static Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec.Kind switch
    {
        OptimizerKind.Gd or OptimizerKind.Sgd => new GradientDescent(parameters, spec.Momentum),
        OptimizerKind.RmsProp => new RmsProp(parameters, spec.Alpha, spec.Epsilon),
        OptimizerKind.Adam => new Adam(parameters, spec.Beta1, spec.Beta2, spec.Epsilon),
        OptimizerKind.ClippedAda => new ClippedAda(parameters, spec.ClipBound, spec.ClipSide, spec.Beta1, spec.Beta2, spec.Epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
    };
}
