using Repro.Pipeline.Planning.Costs;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>A fresh <c>repro bench calibrate</c> keeps the figures it does not measure from the file it replaces.</summary>
public class FittedFiguresTests
{
    private static CostCalibration Measured() => new(
        CostCalibration.CurrentSchemaVersion, "2026-12-08 00:00 UTC", "test", 2, "0", 3, RunOverheadSeconds: 0.4,
        new Dictionary<string, ModelCost>
        {
            ["mlp"] = new("fashion-mnist", 3, 32, 0.001, 3e-6, 1e-6),
            ["vgg"] = new("cifar10", 3, 8, 0, 1e-3, 3e-4, RunOverheadSeconds: 0.7),
        },
        CurvatureGradientEquivalents: 13, HvpGradientEquivalents: 1.8, DiagonalStepSeconds: 4e-4, ReferenceGpu: null);

    [Fact]
    public void FiguresTheMeasurementLeavesAbsentComeFromThePreviousFileAndMeasuredOnesAreNeverOverridden()
    {
        var memory = new MemoryCalibration("by hand", 2e8, new Dictionary<string, ModelMemory>());
        var previous = Measured() with
        {
            Models = new Dictionary<string, ModelCost>
            {
                ["mlp"] = new("fashion-mnist", 3, 32, 0.002, 4e-6, 2e-6, RunOverheadSeconds: 0.3, CurvatureGradientEquivalents: 30),
                ["vgg"] = new("cifar10", 3, 8, 0, 2e-3, 6e-4, RunOverheadSeconds: 6, CurvatureGradientEquivalents: 22, CurvatureSecondsPerProduct: 0.08),
                ["cnn"] = new("fashion-mnist", 3, 32, 0, 6e-4, 2e-4),
            },
            MinibatchStepSeconds = 0.0011,
            StoreFit = "fitted on some store",
            Memory = memory,
        };

        var (calibration, carried) = FittedFigures.KeepFrom(Measured(), previous);

        var mlp = calibration.Models["mlp"];
        Assert.Equal((0.001, 3e-6, 0.3, 30.0), (mlp.StepOverheadSeconds, mlp.StepSecondsPerExample, mlp.RunOverheadSeconds!.Value, mlp.CurvatureGradientEquivalents!.Value));
        var vgg = calibration.Models["vgg"];
        Assert.Equal(0.7, vgg.RunOverheadSeconds);   // measured now: kept as measured, not the old 6
        Assert.Equal((22.0, 0.08), (vgg.CurvatureGradientEquivalents!.Value, vgg.CurvatureSecondsPerProduct!.Value));
        Assert.Same(previous.Models["cnn"], calibration.Models["cnn"]);
        Assert.Equal(0.0011, calibration.MinibatchStepSeconds);
        Assert.Null(calibration.DiagonalRunOverheadSeconds);   // absent in both
        Assert.Equal("fitted on some store", calibration.StoreFit);
        Assert.Same(memory, calibration.Memory);
        Assert.Equal(13, calibration.CurvatureGradientEquivalents);
        Assert.Equal(
            ["models.mlp.run_overhead_seconds", "models.mlp.curvature_gradient_equivalents", "models.vgg.curvature_gradient_equivalents",
             "models.vgg.curvature_seconds_per_product", "models.cnn", "minibatch_step_seconds", "memory"],
            carried);
    }

    [Fact]
    public void WithoutAPreviousFileTheMeasurementIsWrittenAsItIs()
    {
        var measured = Measured();
        var (calibration, carried) = FittedFigures.KeepFrom(measured, null);
        Assert.Same(measured, calibration);
        Assert.Empty(carried);
    }
}
