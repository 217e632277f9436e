using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>The memory model's arithmetic on a hand-checkable calibration, its fallbacks, and the committed calibration.</summary>
public class MemoryModelTests
{
    private const double MiB = 1024.0 * 1024;

    // MLP: 100 MiB base, 10 KiB per step image, 20 KiB per Hessian image, 5 KiB per evaluated image; VGG: 300 MiB, 400 KiB per step image.
    private static readonly MemoryCalibration Calibration = new("test", DiagonalBytes: 50 * MiB, new Dictionary<string, ModelMemory>
    {
        ["mlp"] = new("fashion-mnist", 32, 100 * MiB, 10 * 1024, BytesPerHessianImage: 20 * 1024, BytesPerForwardImage: 5 * 1024),
        ["vgg"] = new("cifar10", 8, 300 * MiB, 400 * 1024),
    });

    private static RunSettings Run(string fields) =>
        RunConfig.Complete(fields.Split(", ").Select(p => p.Split('=')).ToDictionary(p => p[0], p => FieldText.Parse(RunFields.Find(p[0])!, p[1]))).Settings;

    private static double Held(int inputs, int images) => 4.0 * inputs * images;

    [Fact]
    public void AFullBatchRunPaysItsBaseItsStepImagesAndTheImagesItHolds()
    {
        var model = new MemoryModel(Calibration);
        var estimate = model.EstimatePeak(Run("model=mlp, optimizer=gd, lr=0.1, steps=10, train_size=1000, test_size=200"));
        // 100 MiB + 1,000 × 10 KiB (the step; evaluation 200 × 5 KiB is less) + 1,200 Fashion-MNIST images as float32.
        Assert.Equal(100 * MiB + 1000 * 10 * 1024 + Held(784, 1200), estimate.Bytes, 1e-6);
        Assert.Null(estimate.Fallback);
    }

    [Fact]
    public void CurvatureAndTheMinibatchMetricsPassCountWhereTheyAreTheLargestPass()
    {
        var model = new MemoryModel(Calibration);
        // Curvature: the Hessian chunk (1,024 of 2,000 images) × 20 KiB beats the 2,000-image step × 10 KiB.
        var curvature = model.EstimatePeak(Run("model=mlp, optimizer=gd, lr=0.1, steps=10, train_size=2000, test_size=200, curvature_every=5"));
        Assert.Equal(100 * MiB + 1024 * 20 * 1024 + Held(784, 2200), curvature.Bytes, 1e-6);
        // Minibatch of 50: the metrics pass over the 2,000 training images (× 5 KiB) beats the 50-image step.
        var minibatch = model.EstimatePeak(Run("model=mlp, optimizer=sgd, lr=0.1, steps=10, train_size=2000, test_size=200, batch_size=50"));
        Assert.Equal(100 * MiB + 2000 * 5 * 1024 + Held(784, 2200), minibatch.Bytes, 1e-6);
    }

    [Fact]
    public void ABiggerRunIsEstimatedBigger()
    {
        var model = new MemoryModel(Calibration);
        const string vgg = "model=vgg, dataset=cifar10, loss=cross-entropy, optimizer=gd, lr=0.1, steps=10, test_size=200";
        double small = model.EstimatePeak(Run($"{vgg}, train_size=256, width=8")).Bytes;
        double moreImages = model.EstimatePeak(Run($"{vgg}, train_size=1024, width=8")).Bytes;
        double wider = model.EstimatePeak(Run($"{vgg}, train_size=256, width=16")).Bytes;
        Assert.True(moreImages > small && wider > small, $"{small} {moreImages} {wider}");
        // Twice the width: twice the step's activations (256 × 400 KiB more).
        Assert.Equal(256 * 400 * 1024, wider - small, 1e-6);
        // What a worker that may get any of them needs: the largest.
        Assert.Equal(moreImages, model.EstimatePeakOfLargest([Run($"{vgg}, train_size=256, width=8"), Run($"{vgg}, train_size=1024, width=8")]));
        Assert.Null(model.EstimatePeakOfLargest([]));
    }

    [Fact]
    public void AModelWithoutCoefficientsTakesTheLargestCalibratedModelsAndSaysSo()
    {
        var model = new MemoryModel(Calibration);
        var estimate = model.EstimatePeak(Run("model=cnn, optimizer=gd, lr=0.1, steps=10, train_size=100, test_size=100, width=8"));
        Assert.Equal("model 'cnn' has no memory calibration: vgg's", estimate.Fallback);
        Assert.True(estimate.Bytes > 300 * MiB);

        var uncalibrated = new MemoryModel(null).EstimatePeak(Run("model=mlp, optimizer=gd, lr=0.1, steps=10"));
        Assert.Equal(MemoryModel.UncalibratedBytes, uncalibrated.Bytes);
        Assert.NotNull(uncalibrated.Fallback);
    }

    [Fact]
    public void ADiagonalRunIsTheCalibratedFigure()
    {
        var estimate = new MemoryModel(Calibration).EstimatePeak(Run("model=diagonal-linear-2, optimizer=gd, lr=0.1, steps=100, init=[0.1,1], dtype=float64"));
        Assert.Equal(50 * MiB, estimate.Bytes);
    }

    [Fact]
    public void TheCommittedCalibrationEstimatesEveryRunOfEveryProfileFromItsOwnModelsCoefficients()
    {
        string root = Repro.Pipeline.Settings.ProjectRoot.Find(AppContext.BaseDirectory);
        var memory = CostCalibration.TryLoad(CostCalibration.PathIn(root))!.Memory;
        Assert.NotNull(memory);
        var model = new MemoryModel(memory);
        var runs = ExperimentCatalog.Load(Path.Combine(root, "experiments")).Artifacts.SelectMany(a => a.Profiles.Keys.SelectMany(p => a.Resolve(p))).ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs.Where(r => r.Config.Settings.ModelName != "cnn"), r =>
        {
            var estimate = model.EstimatePeak(r.Config.Settings);
            Assert.Null(estimate.Fallback);
            Assert.InRange(estimate.Bytes, 10 * MiB, 24 * 1024 * MiB);
        });
    }

    [Fact]
    public void ACalibrationWithoutMemoryStillLoadsAndOneWithAnEmptyModelIsOneLine()
    {
        string root = Repro.Pipeline.Settings.ProjectRoot.Find(AppContext.BaseDirectory);
        var committed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(CostCalibration.PathIn(root)))!.AsObject();
        using var project = new TestProject();
        string path = CostCalibration.PathIn(project.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var old = committed.DeepClone().AsObject();
        Assert.True(old.Remove("memory"));
        File.WriteAllText(path, old.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.Null(CostCalibration.TryLoad(path)!.Memory);

        var damaged = committed.DeepClone().AsObject();
        damaged["memory"]!["models"]!["vgg"] = null;
        File.WriteAllText(path, damaged.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var error = Assert.Throws<SpecException>(() => CostCalibration.TryLoad(path));
        Assert.Equal(path, error.File);
        Assert.StartsWith("memory:", error.Reason);
    }
}
