using Repro.Core.Curvature;

namespace Repro.Core.Training;

/// <summary>‖θ − θ₀‖₂, the distance travelled from the initial parameters.</summary>
public sealed class ParameterDistanceHook(int every) : ITrainingHook
{
    public int Every { get; } = every;

    public MetricsRow Measure(HookContext context, MetricsRow row)
    {
        using var theta = ParameterVector.Flatten(context.Model);
        return row with { ParamDistance = EigenvectorTracking.ParameterDistance(theta, context.InitialParameters) };
    }
}
