using Repro.Core.Benchmarks;
using Repro.Core.Curvature;
using Repro.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Benchmarks;

public class CurvatureBenchmarkTests
{
    [Fact]
    public void MeasuresAShortTrajectoryAndRestoresTheParameters()
    {
        var model = GlobalGenerator.Seeded(12, () => nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3)));
        model.to(float64);
        var generator = new Generator(13);
        var inputs = randn(40, 5, float64, generator: generator);
        var targets = randn(40, 3, float64, generator: generator);
        List<(Tensor, Tensor)> chunks = [(inputs[..25], targets[..25]), (inputs[25..], targets[25..])];
        var before = ParameterVector.Flatten(model);

        CurvatureBenchmarkResult result;
        // Inside a caller's dispose scope, as the CLI will run it: nothing may be disposed twice or too early.
        using (NewDisposeScope())
            result = CurvatureBenchmark.Run(model, (o, y) => nn.functional.mse_loss(o, y), chunks, learningRate: 0.1,
                new CurvatureBenchmarkOptions(Steps: 6, MeasureEvery: 3, Repetitions: 2));

        Assert.True((ParameterVector.Flatten(model) - before).abs().max().ToDouble() == 0);
        Assert.Equal(5 * 8 + 8 + 8 * 3 + 3, result.Parameters);
        Assert.Equal(40, result.Examples);
        Assert.Equal(3, result.Measurements);
        Assert.Equal(3, result.Sharpness.Length);
        Assert.Equal(6, result.Loss.Length);
        Assert.True(result.Loss[^1] < result.Loss[0], "GD at a small learning rate lowers the loss");
        Assert.All(result.Sharpness, s => Assert.True(s > 0));
        Assert.True(result.MillisecondsPerGradient > 0 && result.MillisecondsPerHvp > 0);
        Assert.True(result.LanczosColdHvps >= 1 && result.LanczosWarmHvps >= 1);
        Assert.True(result.PowerColdHvps >= 2 && result.PowerWarmHvps >= 2);
        Assert.True(result.LanczosColdResidual <= 1e-3 * 1.0001, $"{result.LanczosColdResidual}");
        Assert.True(result.LanczosWarmResidual <= 1e-3 * 1.0001, $"{result.LanczosWarmResidual}");
        Assert.True(result.MillisecondsPerSessionHvp > 0);
        Assert.Equal(12, result.Lines().Count());
    }
}
