using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>The cost model's arithmetic on hand-checkable calibrations, and the committed calibration against the paper profile.</summary>
public class CostModelTests
{
    private static readonly CostCalibration Calibration = new(
        CostCalibration.CurrentSchemaVersion, "2026-01-01 00:00 UTC", "test", 2, "0", 2, RunOverheadSeconds: 1,
        new Dictionary<string, ModelCost>
        {
            ["mlp"] = new("fashion-mnist", 3, 32, StepOverheadSeconds: 0.001, StepSecondsPerExample: 1e-5, ForwardSecondsPerExample: 3e-6),
            ["vgg"] = new("cifar10", 3, 8, StepOverheadSeconds: 0, StepSecondsPerExample: 1e-3, ForwardSecondsPerExample: 4e-4),
        },
        CurvatureGradientEquivalents: 20, HvpGradientEquivalents: 2, DiagonalStepSeconds: 1e-4, ReferenceGpu: null);

    private static RunSettings Run(string yamlish) =>
        RunConfig.Complete(yamlish.Split(", ").Select(p => p.Split('=')).ToDictionary(p => p[0], p => Value(p[0], p[1]))).Settings;

    private static FieldValue Value(string name, string text) => RunFields.Find(name)!.Kind switch
    {
        FieldKind.Integer => FieldValue.Integer(long.Parse(text)),
        FieldKind.Number => FieldValue.Number(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
        _ => FieldValue.Text(text),
    };

    [Fact]
    public void FullBatchRunPaysStepsEvaluationAndCurvature()
    {
        var model = new CostModel(Calibration);
        // 100 steps × (1 ms + 1000 × 10 µs) = 1.1 s; evaluation every 50 steps (0, 50, 100) × 200 × 3 µs = 1.8 ms;
        // curvature every 25 steps (5 times) × 20 gradients × 1000 × 10 µs = 1 s for the calibrated measurement, of which
        // the default, λ₁ alone, takes 12 of 17 products; plus 1 s start-up.
        var seconds = model.EstimateSeconds(Run("model=mlp, optimizer=gd, lr=0.1, steps=100, curvature_every=25, evaluate_every=50"));
        Assert.Equal(1 + 1.1 + 0.0018 + 12.0 / 17, seconds, 1e-9);
    }

    [Fact]
    public void CurvatureIsChargedForTheMeasuresARunAsksForByTheirProducts()
    {
        var model = new CostModel(Calibration);
        // As above, the calibrated measurement (λ₁, λ₂, λ_min, subspace: 17 products) costs 1 s over the run; λ₁ alone
        // takes 12 of those products, the preconditioned λ₁ 12 more where the optimizer has a preconditioner.
        double Curvature(string optimizer, string measures)
        {
            string run = $"model=mlp, optimizer={optimizer}, lr=0.1, steps=100, evaluate_every=50";
            var values = (run + $", curvature_every=25, curvature_measures={measures}").Split(", ").Select(p => p.Split('='))
                .ToDictionary(p => p[0], p => FieldText.Parse(RunFields.Find(p[0])!, p[1]));
            return model.EstimateSeconds(RunConfig.Complete(values).Settings) - model.EstimateSeconds(Run(run));
        }
        Assert.Equal(1.0, Curvature("gd", "[lambda1,lambda2,lambda_min,subspace]"), 1e-9);
        Assert.Equal(12.0 / 17, Curvature("gd", "[lambda1]"), 1e-9);
        Assert.Equal(16.0 / 17, Curvature("gd", "[lambda1,lambda2,subspace]"), 1e-9);
        Assert.Equal(12.0 / 17, Curvature("gd", "[lambda1,preconditioned_lambda1]"), 1e-9);   // GD has no preconditioner
        Assert.Equal(24.0 / 17, Curvature("adam", "[lambda1,preconditioned_lambda1]"), 1e-9);
    }

    [Fact]
    public void AFixedCostPerProductMakesAMeasurementGrowAffinelyInTheHessianSet()
    {
        var perProduct = new CostModel(Calibration with
        {
            Models = new Dictionary<string, ModelCost> { ["mlp"] = Calibration.Models["mlp"] with { CurvatureSecondsPerProduct = 0.01 } },
        });
        double Measurements(CostModel model, int hessian) =>
            model.EstimateSeconds(Run($"model=mlp, optimizer=gd, lr=0.1, steps=100, evaluate_every=50, curvature_every=25, hessian_size={hessian}"))
            - model.EstimateSeconds(Run("model=mlp, optimizer=gd, lr=0.1, steps=100, evaluate_every=50"));
        // 5 measurements of λ₁ alone (12 products): 12 × 10 ms = 0.12 s each whatever the size, plus 20 × 12/17 gradients
        // over the Hessian set at 10 µs an example.
        Assert.Equal(5 * (0.12 + 20.0 * 12 / 17 * 100 * 1e-5), Measurements(perProduct, 100), 1e-9);
        Assert.Equal(5 * (0.12 + 20.0 * 12 / 17 * 800 * 1e-5), Measurements(perProduct, 800), 1e-9);
        Assert.Equal(5 * 0.12, Measurements(perProduct, 100) - Measurements(new CostModel(Calibration), 100), 1e-9);
    }

    [Fact]
    public void MinibatchRunPaysItsBatchAndAFullForwardEveryMetricsInterval()
    {
        var model = new CostModel(Calibration);
        // 10 steps × (1 ms + 100 × 10 µs) = 20 ms; full forward (1000 × 3 µs) at steps 0, 5, 10 = 9 ms;
        // evaluation every 100 steps (step 0) × 200 × 3 µs = 0.6 ms; start-up 1 s.
        var seconds = model.EstimateSeconds(Run("model=mlp, optimizer=sgd, lr=0.1, steps=10, batch_size=100, metrics_every=5"));
        Assert.Equal(1 + 0.020 + 0.009 + 0.0006, seconds, 1e-9);
    }

    [Fact]
    public void AnOptimizerUpdatePaysItsCalibratedCostOverGdEveryStep()
    {
        var model = new CostModel(Calibration with { OptimizerStepSeconds = new Dictionary<string, double> { ["adam"] = 5e-4, ["sgd"] = 0 } });
        const string run = "lr=0.1, steps=1000, batch_size=100, metrics_every=1000";
        double sgd = model.EstimateSeconds(Run($"model=mlp, optimizer=sgd, {run}"));
        // 1,000 steps × 0.5 ms; an older file without the table adds nothing (the stated fallback).
        Assert.Equal(0.5, model.EstimateSeconds(Run($"model=mlp, optimizer=adam, {run}")) - sgd, 1e-9);
        Assert.Equal(sgd, new CostModel(Calibration).EstimateSeconds(Run($"model=mlp, optimizer=adam, {run}")), 1e-9);
    }

    [Fact]
    public void AnOptimizerMissingFromTheCalibratedTableIsAnErrorNotAFreeUpdate()
    {
        var model = new CostModel(Calibration with { OptimizerStepSeconds = new Dictionary<string, double> { ["adam"] = 5e-4 } });
        const string run = "lr=0.1, steps=1000, batch_size=100, metrics_every=1000";
        var error = Assert.Throws<InvalidDataException>(() => model.EstimateSeconds(Run($"model=mlp, optimizer=rms-prop, {run}")));
        Assert.Contains("no update cost for optimizer 'rms-prop'", error.Message);
        // GD is the baseline the models' step costs were measured with: it needs no entry.
        Assert.True(model.EstimateSeconds(Run("model=mlp, optimizer=gd, lr=0.1, steps=10")) > 0);
    }

    [Fact]
    public void WidthAndDataSetScaleTheCalibratedCost()
    {
        var model = new CostModel(Calibration);
        double Step(string extra) => model.EstimateSeconds(Run($"model=vgg, dataset=cifar10, optimizer=gd, lr=0.1, steps=1000, train_size=100, test_size=1, evaluate_every=1000, {extra}")) - 1;
        // Convolutions: twice the width, four times the multiply-adds.
        Assert.Equal(4, Step("width=16") / Step("width=8"), 2);
        // Fashion-MNIST images have 784 pixels, CIFAR-10's 1,024.
        double fashion = model.EstimateSeconds(Run("model=vgg, dataset=fashion-mnist, optimizer=gd, lr=0.1, steps=1000, train_size=100, test_size=1, evaluate_every=1000, width=8")) - 1;
        Assert.Equal(784.0 / 1024, fashion / Step("width=8"), 2);
        Assert.Throws<InvalidDataException>(() => model.EstimateSeconds(Run("model=resnet, dataset=cifar10, optimizer=gd, lr=0.1, steps=10")));
    }

    [Fact]
    public void FiguresFittedToAStoreOverrideTheCalibrationsWhereGivenAndAddNothingWhereAbsent()
    {
        var fitted = Calibration with
        {
            Models = new Dictionary<string, ModelCost>
            {
                ["mlp"] = Calibration.Models["mlp"] with { RunOverheadSeconds = 0.25, CurvatureGradientEquivalents = 40 },
                ["vgg"] = Calibration.Models["vgg"],
            },
            MinibatchStepSeconds = 0.002,
            DiagonalRunOverheadSeconds = 0.003,
        };
        const string curvature = "model=mlp, optimizer=gd, lr=0.1, steps=100, curvature_every=25, evaluate_every=50";
        // 0.25 s start-up instead of 1; 5 measurements × 40 gradients × 1000 × 10 µs = 2 s instead of 1 (λ₁ alone: 12/17 of it).
        Assert.Equal(0.25 + 1.1 + 0.0018 + 2.0 * 12 / 17, new CostModel(fitted).EstimateSeconds(Run(curvature)), 1e-9);
        // A minibatch run pays 2 ms more a step (10 steps: 20 ms); a full-batch run nothing.
        const string minibatch = "model=mlp, optimizer=sgd, lr=0.1, steps=10, batch_size=100, metrics_every=5";
        Assert.Equal(0.020 - 0.75, new CostModel(fitted).EstimateSeconds(Run(minibatch)) - new CostModel(Calibration).EstimateSeconds(Run(minibatch)), 1e-9);
        // The diagonal network: 3 ms a run, then 0.1 ms a step.
        var diagonal = RunConfig.Complete("model=diagonal-linear-2, optimizer=gd, lr=0.1, steps=100, init=[0.1,1], dtype=float64"
            .Split(", ").Select(p => p.Split('=')).ToDictionary(p => p[0], p => FieldText.Parse(RunFields.Find(p[0])!, p[1]))).Settings;
        Assert.Equal(0.003 + 0.01, new CostModel(fitted).EstimateSeconds(diagonal), 1e-9);
        Assert.Equal(0.01, new CostModel(Calibration).EstimateSeconds(diagonal), 1e-9);
    }

    [Fact]
    public void TheCommittedCalibrationGivesEveryDeclaredRunAPositiveEstimate()
    {
        string root = Repro.Pipeline.Settings.ProjectRoot.Find(AppContext.BaseDirectory);
        var calibration = CostCalibration.TryLoad(CostCalibration.PathIn(root));
        Assert.NotNull(calibration);
        var model = new CostModel(calibration);
        var catalog = ExperimentCatalog.Load(Path.Combine(root, "experiments"));
        var runs = catalog.Artifacts.SelectMany(a => a.Profiles.Keys.SelectMany(profile => a.Resolve(profile))).ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.True(model.EstimateSeconds(r.Config.Settings) > 0, r.DisplayName));
    }

    /// <summary>
    /// The committed calibration (whatever its measured values), damaged one way at a time (the first match of a pattern): each is one SpecException (exit 2) naming the file, the
    /// line and the reason. A negative cost was taken and gave negative estimates; 1e400, infinite ones.
    /// </summary>
    [Theory]
    [InlineData("\"step_overhead_seconds\": [0-9.Ee+-]+", "\"step_overhead_seconds\": -1", "step_overhead_seconds is -1: every number here is a finite, non-negative", "\"step_overhead_seconds\"")]
    [InlineData("\"run_overhead_seconds\": [0-9.Ee+-]+", "\"run_overhead_seconds\": 1e400", "run_overhead_seconds is 1e400: every number here", "\"run_overhead_seconds\"")]
    [InlineData("\"cnn\": \\{", "\"cnn\": null, \"x\": {", "model 'cnn' has no costs", "\"cnn\"")]
    [InlineData("\"schema_version\": 1,", "\"schema_version\": 7,", "schema_version 7, expected 1", "{")]
    [InlineData("\"threads\": 2,", "\"threads\": 2.5,", "not a cost calibration: The JSON value could not be converted", "\"threads\"")]
    public void ADamagedCalibrationIsOneLineNamingFileLineAndReason(string original, string damaged, string reason, string onTheLineOf)
    {
        string root = Repro.Pipeline.Settings.ProjectRoot.Find(AppContext.BaseDirectory);
        string committed = File.ReadAllText(CostCalibration.PathIn(root));
        var pattern = new System.Text.RegularExpressions.Regex(original);
        Assert.Matches(pattern, committed);
        using var project = new TestProject();
        string path = CostCalibration.PathIn(project.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string text = pattern.Replace(committed, damaged, 1);
        File.WriteAllText(path, text);

        var error = Assert.Throws<Repro.Pipeline.Specs.SpecException>(() => CostCalibration.TryLoad(path));
        Assert.Equal(path, error.File);
        Assert.Contains(reason, error.Reason);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(1 + text[..text.IndexOf(onTheLineOf, StringComparison.Ordinal)].Count(c => c == '\n'), error.Line);
    }

    [Fact]
    public void ATruncatedCalibrationNamesTheLineWhereItEnds()
    {
        using var project = new TestProject();
        string path = CostCalibration.PathIn(project.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\n  \"schema_version\": 1,\n  \"models\": {");
        var error = Assert.Throws<Repro.Pipeline.Specs.SpecException>(() => CostCalibration.TryLoad(path));
        Assert.Equal(3, error.Line);
        Assert.StartsWith("not a cost calibration", error.Reason);
    }
}
