using Repro.Core.Losses;
using TorchSharp;

namespace Repro.Core.Training;

public sealed class TestAccuracyHook(int every) : ITrainingHook
{
    private const int Chunk = 1000;

    public int Every { get; } = every;

    public MetricsRow Measure(HookContext context, MetricsRow row)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var correct = 0.0;
        var count = context.Test.Count;
        for (var start = 0; start < count; start += Chunk)
        {
            var length = Math.Min(Chunk, count - start);
            var output = context.Model.forward(context.Test.Inputs.narrow(0, start, length));
            correct += Loss.Accuracy(output, context.Test.Labels.narrow(0, start, length)) * length;
        }
        return row with { TestAccuracy = correct / count };
    }
}
