using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// Which examples step t uses: epoch t / (N / B) visits a fresh permutation drawn from (seed, epoch), in batches
/// of B, dropping the last N mod B examples. A pure function of the step, so resuming needs no generator state.
/// </summary>
public sealed class MinibatchOrder(int examples, int batchSize, int seed) : IDisposable
{
    private readonly int batchesPerEpoch = Math.Max(1, examples / batchSize);
    private long epoch = -1;
    private torch.Tensor? permutation;

    public torch.Tensor IndicesAt(long step)
    {
        var stepEpoch = step / batchesPerEpoch;
        if (stepEpoch != epoch)
        {
            permutation?.Dispose();
            using var generator = new torch.Generator(unchecked((ulong)(seed * 1_000_003L + stepEpoch)));
            permutation = torch.randperm(examples, generator: generator).DetachFromDisposeScope();
            epoch = stepEpoch;
        }
        return permutation!.narrow(0, step % batchesPerEpoch * batchSize, batchSize);
    }

    public void Dispose() => permutation?.Dispose();
}
