using Repro.Core.Losses;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>Accuracy on the test subset, and on the validation split where the spec holds one out.</summary>
public sealed class TestAccuracyHook(int every) : ITrainingHook
{
    private const int Chunk = 1000;

    public int Every { get; } = every;

    public MetricsRow Measure(HookContext context, MetricsRow row) => row with
    {
        TestAccuracy = Accuracy(context.Model, context.Test),
        ValidationAccuracy = context.Validation is { } validation ? Accuracy(context.Model, validation) : null,
    };

    private static double Accuracy(torch.nn.Module<torch.Tensor, torch.Tensor> model, Data.LabeledTensors data)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var correct = 0.0;
        var count = data.Count;
        for (var start = 0; start < count; start += Chunk)
        {
            using var chunkScope = torch.NewDisposeScope();   // a chunk's activations go before the next chunk's come
            var length = Math.Min(Chunk, count - start);
            var output = model.forward(data.Inputs.narrow(0, start, length));
            correct += Loss.Accuracy(output, data.Labels.narrow(0, start, length)) * length;
        }
        return correct / count;
    }
}
