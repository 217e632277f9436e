using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Pipeline.Specs;

/// <summary>The tables of the enumerated run fields: YAML name ↔ Core value ↔ display name.</summary>
public static class RunChoices
{
    /// <summary>The model trained in closed form by <c>DiagonalNetworkTrainer</c> rather than by the trainer.</summary>
    public const string DiagonalLinearNetwork = "diagonal-linear-2";

    public static readonly ChoiceTable<OptimizerKind> Optimizers = new(
        new("gd", OptimizerKind.Gd, "GD"),
        new("sgd", OptimizerKind.Sgd, "SGD"),
        new("rms-prop", OptimizerKind.RmsProp, "RMSprop"),
        new("adam", OptimizerKind.Adam, "Adam"),
        new("clipped-ada", OptimizerKind.ClippedAda, "Clipped-Ada"));

    /// <summary>The models the trainer builds (every model but <see cref="DiagonalLinearNetwork"/>).</summary>
    public static readonly ChoiceTable<Architecture> Architectures = new(
        new("mlp", Architecture.Mlp, "MLP"),
        new("cnn", Architecture.Cnn, "CNN"),
        new("vgg", Architecture.Vgg, "VGG-style"),
        new("resnet", Architecture.ResNet, "ResNet-20-style"));

    public static readonly ChoiceTable<Activation> Activations = new(
        new("relu", Activation.Relu, "ReLU"),
        new("tanh", Activation.Tanh, "tanh"));

    public static readonly ChoiceTable<LossKind> Losses = new(
        new("mse", LossKind.MeanSquaredError, "MSE"),
        new("cross-entropy", LossKind.CrossEntropy, "cross-entropy"));

    /// <summary>Batch norm while the Hessian is measured: running statistics (the authors' convention) or batch statistics.</summary>
    public static readonly ChoiceTable<HessianMode> HessianModes = new(
        new("eval", HessianMode.Eval, "eval"),
        new("train", HessianMode.Train, "train"));

    /// <summary>What each curvature measurement computes (<see cref="CurvatureMeasures"/>): a set of these words.</summary>
    public static readonly ChoiceTable<CurvatureMeasures> CurvatureMeasureNames = new(
        new("lambda1", CurvatureMeasures.Lambda1, "λ₁"),
        new("lambda2", CurvatureMeasures.Lambda2, "λ₂"),
        new("lambda_min", CurvatureMeasures.LambdaMin, "λ_min"),
        new("subspace", CurvatureMeasures.Subspace, "top-2 subspace rotation"),
        new("preconditioned_lambda1", CurvatureMeasures.PreconditionedLambda1, "preconditioned λ₁"));

    /// <summary>The flags a set of measure names stands for.</summary>
    public static CurvatureMeasures MeasuresOf(IEnumerable<string> names) =>
        names.Aggregate((CurvatureMeasures)0, (all, name) => all | CurvatureMeasureNames.Parse(name));

    /// <summary>Where a trainer run's tensors live (<see cref="Core.TorchDevice"/>).</summary>
    public static readonly ChoiceTable<Core.DeviceKind> Devices = new(
        new("auto", Core.DeviceKind.Auto, "auto"),
        new("cpu", Core.DeviceKind.Cpu, "CPU"),
        new("cuda", Core.DeviceKind.Cuda, "CUDA"));

    /// <summary>Core names data sets by string; figures must say our CIFAR-10 copy is decoded from JPEGs (see docs/data.md).</summary>
    public static readonly ChoiceTable<string> Datasets = new(
        new(DatasetCatalog.FashionMnistName, DatasetCatalog.FashionMnistName, "Fashion-MNIST"),
        new(DatasetCatalog.Cifar10Name, DatasetCatalog.Cifar10Name, "CIFAR-10 (JPEG-decoded subset)"));

    /// <summary>The trainer runs in float32; the diagonal network in float64. Core takes no precision argument.</summary>
    public static readonly ChoiceTable<string> Precisions = new(
        new("float32", "float32", "float32"),
        new("float64", "float64", "float64"));
}
