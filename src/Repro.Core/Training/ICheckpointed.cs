using TorchSharp;

namespace Repro.Core.Training;

/// <summary>Something whose state goes into checkpoints, so a resumed run continues exactly.</summary>
public interface ICheckpointed
{
    /// <summary>Named tensors to save; names are unique within the object.</summary>
    IEnumerable<(string Name, torch.Tensor Tensor)> State();

    /// <summary>Takes copies of the saved tensors; an empty dictionary means a fresh state.</summary>
    void LoadState(IReadOnlyDictionary<string, torch.Tensor> state);
}
