using Repro.Core.Curvature;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// Keeps θ every k steps so that, once the run has ended, ‖θ_t − θ*‖₂ to the final iterate θ* can be measured
/// (the paper's separation of stable and unstable phases). The snapshots go into checkpoints, so a resumed run
/// still measures from step 0.
/// </summary>
public sealed class ParameterSnapshotHook(int every) : ICheckpointedHook, IDisposable
{
    private readonly List<(long Step, torch.Tensor Theta)> snapshots = [];

    public int Every { get; } = every;

    public MetricsRow Measure(HookContext context, MetricsRow row)
    {
        snapshots.RemoveAll(s => s.Step >= context.Step);   // a resumed run measures these steps again
        snapshots.Add((context.Step, ParameterVector.Flatten(context.Model).DetachFromDisposeScope()));
        return row;
    }

    /// <summary>‖θ_t − θ*‖₂ for every kept step t, with θ* the given final parameters.</summary>
    public IReadOnlyDictionary<long, double> DistancesTo(torch.Tensor final) =>
        snapshots.ToDictionary(s => s.Step, s => EigenvectorTracking.ParameterDistance(s.Theta, final));

    public IEnumerable<(string Name, torch.Tensor Tensor)> State()
    {
        if (snapshots.Count == 0) yield break;
        yield return ("steps", torch.tensor(snapshots.Select(s => s.Step).ToArray()));
        yield return ("thetas", torch.stack(snapshots.Select(s => s.Theta)));
    }

    public void LoadState(IReadOnlyDictionary<string, torch.Tensor> state, long parameterCount)
    {
        Dispose();
        if (!state.TryGetValue("steps", out var steps) || !state.TryGetValue("thetas", out var thetas)) return;
        SavedState.Require(thetas, "thetas", SavedState.Require(steps, "steps", -1).shape[0], parameterCount);
        if (steps.dtype != torch.ScalarType.Int64) throw new InvalidDataException($"'steps' is {steps.dtype}, expected Int64");
        var stepValues = steps.data<long>().ToArray();
        for (int i = 0; i < stepValues.Length; i++)
            snapshots.Add((stepValues[i], thetas[i].clone().DetachFromDisposeScope()));
    }

    public void Dispose()
    {
        foreach (var (_, theta) in snapshots) theta.Dispose();
        snapshots.Clear();
    }
}
