using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// The oscillation of the iterates, the paper's separation of stable and unstable phases: after each update θ_t → θ_{t+1},
/// ‖θ_{t+1} − θ_t‖₂, the period-two signature ‖θ_{t+1} − θ_{t−1}‖₂ (small against the step when GD bounces across a
/// valley) and |⟨θ_{t+1} − θ_t, v₁⟩|, the step along the sharpest direction. It keeps θ_{t−1} and θ_t as flat vectors;
/// θ_{t−1} goes into checkpoints (θ_t is the model's own), so a resumed run measures exactly as an uninterrupted one.
/// Measured cost: one flat copy of θ and three reductions per step (see docs/benchmarks.md), so it is always on.
/// </summary>
public sealed class OscillationTracker : ICheckpointed, IDisposable
{
    private const string PreviousName = "previous_parameters";
    private torch.Tensor? previous;
    private torch.Tensor? current;

    /// <summary>θ_t at the start of a session: the initial parameters, or those of the checkpoint resumed from.</summary>
    public void Start(torch.Tensor theta)
    {
        current?.Dispose();
        current = theta.detach().clone().DetachFromDisposeScope();
    }

    /// <summary>Takes θ_{t+1} after an update and returns that step's measurements; θ_{t+1} then becomes θ_t.</summary>
    /// <param name="leadingEigenvector">v₁ of the latest curvature measurement, flat in parameter order, or null.</param>
    public (double StepNorm, double? PeriodTwoNorm, double? StepAlongV1) Advance(torch.Tensor next, torch.Tensor? leadingEigenvector)
    {
        if (current is null) throw new InvalidOperationException("Start the tracker with θ₀ before the first update.");
        using var scope = torch.NewDisposeScope();
        var step = next - current;
        var stepNorm = step.norm().ToDouble();
        double? periodTwo = previous is null ? null : (next - previous).norm().ToDouble();
        double? alongV1 = null;
        if (leadingEigenvector is not null)
        {
            var v1 = leadingEigenvector.to(torch.ScalarType.Float64);
            alongV1 = Math.Abs(step.to(torch.ScalarType.Float64).dot(v1).ToDouble()) / v1.norm().ToDouble();
        }
        previous?.Dispose();
        previous = current;
        current = next.detach().clone().DetachFromDisposeScope();
        return (stepNorm, periodTwo, alongV1);
    }

    public IEnumerable<(string Name, torch.Tensor Tensor)> State() => previous is null ? [] : [(PreviousName, previous)];

    public void LoadState(IReadOnlyDictionary<string, torch.Tensor> state, long parameterCount)
    {
        previous?.Dispose();
        previous = state.TryGetValue(PreviousName, out var saved)
            ? SavedState.Require(saved, PreviousName, parameterCount).clone().DetachFromDisposeScope()
            : null;
    }

    public void Dispose()
    {
        previous?.Dispose();
        current?.Dispose();
    }
}
