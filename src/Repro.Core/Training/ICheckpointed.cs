using TorchSharp;

namespace Repro.Core.Training;

/// <summary>Something whose state goes into checkpoints, so a resumed run continues exactly.</summary>
public interface ICheckpointed
{
    /// <summary>Named tensors to save; names are unique within the object.</summary>
    IEnumerable<(string Name, torch.Tensor Tensor)> State();

    /// <summary>
    /// Takes copies of the saved tensors; an empty dictionary means a fresh state. A checkpoint may come from elsewhere:
    /// state that does not fit a model of <paramref name="parameterCount"/> trainable parameters (see
    /// <see cref="SavedState.Require"/>) is an <see cref="InvalidDataException"/>, not a failure later in the run.
    /// </summary>
    void LoadState(IReadOnlyDictionary<string, torch.Tensor> state, long parameterCount);
}
