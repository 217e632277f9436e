using Repro.Core.Models;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>‖θ − θ₀‖₂, the distance travelled from the initial parameters.</summary>
public sealed class ParameterDistanceHook(int every) : ITrainingHook
{
    public int Every { get; } = every;

    public MetricsRow Measure(HookContext context, MetricsRow row)
    {
        using var scope = torch.NewDisposeScope();
        var distance = (ParameterVector.Flatten(context.Model) - context.InitialParameters).to_type(torch.ScalarType.Float64).norm().item<double>();
        return row with { ParamDistance = distance };
    }
}
