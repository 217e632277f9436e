using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Pipeline.Specs;

/// <summary>
/// Every field a run may set: the single schema behind YAML validation, defaults, the run key, the flags of
/// <c>repro train</c> and the typed view <see cref="RunSettings"/>. A field with <see cref="RunField.Models"/> applies to
/// those models only. Each field is also a named member, so code reads fields by member, never by string; the
/// optimizers' hyperparameters come from Core's table instead, and are read by descriptor (<see cref="Of"/>).
/// Integer fields that Core takes as <c>int</c> are bounded by <see cref="int.MaxValue"/> here, at load.
/// </summary>
public static class RunFields
{
    public const string DiagonalLinearNetwork = RunChoices.DiagonalLinearNetwork;
    public static readonly string[] TrainerModels = [.. RunChoices.Architectures.Names];
    private static readonly string[] Diagonal = [DiagonalLinearNetwork];

    public static readonly RunField Model = new("model", FieldKind.Text, "Model: mlp, cnn (small CNN), vgg (VGG-style), resnet (ResNet-20-style) or diagonal-linear-2.",
        Choices: [.. TrainerModels, DiagonalLinearNetwork]);
    public static readonly RunField Optimizer = new("optimizer", FieldKind.Text, "Optimizer.", Choices: RunChoices.Optimizers.Names);
    public static readonly RunField Lr = new("lr", FieldKind.Number, "Learning rate η.", Check: Positive);
    public static readonly RunField Steps = new("steps", FieldKind.Integer, "Step budget.", Check: IntRange(1));
    public static readonly RunField Seed = new("seed", FieldKind.Integer, "Random seed (initialisation, minibatch order, class-balanced subset).", FieldValue.Integer(0), Check: IntRange(0));
    public static readonly RunField DivergenceLoss = new("divergence_loss", FieldKind.Number, "A training loss above this (or non-finite) ends the run as diverged.",
        FieldValue.Number(TrainingSpec.DefaultDivergenceBound), Check: Positive);
    public static readonly RunField Dtype = new("dtype", FieldKind.Text, "Floating-point precision (the trainer runs in float32; diagonal-linear-2 in float64).",
        FieldValue.Text("float32"), Choices: RunChoices.Precisions.Names);

    public static readonly RunField Init = new("init", FieldKind.NumberList, "Initial parameters [a, b].", Models: Diagonal,
        Check: v => v.AsNumbers.Count == 0 ? "must not be empty" : FiniteAll(v.AsNumbers));

    public static readonly RunField Dataset = new("dataset", FieldKind.Text, "Data set.", FieldValue.Text(RunChoices.Datasets.Names[0]), RunChoices.Datasets.Names, Models: TrainerModels);
    public static readonly RunField TrainSize = new("train_size", FieldKind.Integer, "Training subset size.", FieldValue.Integer(1000), Check: IntRange(1), Models: TrainerModels);
    public static readonly RunField TestSize = new("test_size", FieldKind.Integer, "Test subset size (the first images of the test split).", FieldValue.Integer(200), Check: IntRange(1), Models: TrainerModels);
    // No default: a run that holds nothing out leaves the field unset, so the keys of every run made before it stay as they were.
    public static readonly RunField ValidationSize = new("validation_size", FieldKind.Integer,
        "Hold out the last N images of the training subset as a validation split (never trained on; accuracy in validation_accuracy).",
        Check: IntRange(1), Models: TrainerModels);
    public static readonly RunField ClassBalanced = new("class_balanced", FieldKind.Boolean, "Draw the training subset balanced over classes with the seed, instead of the first images.",
        FieldValue.Boolean(false), Models: TrainerModels);
    public static readonly RunField Depth = new("depth", FieldKind.Integer, "MLP hidden layers.", FieldValue.Integer(3), Check: IntRange(1), Models: TrainerModels);
    public static readonly RunField Width = new("width", FieldKind.Integer, "MLP width, CNN channels, base width of the VGG- and ResNet-style nets.", FieldValue.Integer(32), Check: IntRange(1), Models: TrainerModels);
    public static readonly RunField Activation = new("activation", FieldKind.Text, "Activation.", FieldValue.Text("relu"), RunChoices.Activations.Names, Models: TrainerModels);
    public static readonly RunField Loss = new("loss", FieldKind.Text, "mse (½‖f(x) − y‖² with one-hot y, averaged over examples) or cross-entropy.",
        FieldValue.Text("mse"), RunChoices.Losses.Names, Models: TrainerModels);
    public static readonly RunField BatchSize = new("batch_size", FieldKind.Integer, "Minibatch size; 0 means full batch.", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);

    /// <summary>
    /// The hyperparameters that were run fields before a field could stay out of the key at its default: hashed at
    /// every value, as they always were, so no existing key changes. Every hyperparameter added after them is left out
    /// of the key while it holds its default. Never add to this list.
    /// </summary>
    private static readonly Hyperparameter[] KeyedAtDefault =
    [
        OptimizerCatalog.Momentum, OptimizerCatalog.Beta1, OptimizerCatalog.Beta2, OptimizerCatalog.Alpha, OptimizerCatalog.Epsilon,
        OptimizerCatalog.ClipBound, OptimizerCatalog.ClipSideChoice,
    ];   // declared before Hyperparameters: static fields are set in order

    /// <summary>
    /// The optimizers' hyperparameters (β₁, ε, Clipped-Ada's c, …), one field each, made from Core's table
    /// (<see cref="OptimizerCatalog.Hyperparameters"/>): name, description, default and range are declared there, once.
    /// </summary>
    public static readonly IReadOnlyList<RunField> Hyperparameters = [.. OptimizerCatalog.Hyperparameters.Select(FieldOf)];

    public static readonly RunField WarmupSteps = new("warmup_steps", FieldKind.Integer, "Linear learning-rate warm-up steps.", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField CurvatureEvery = new("curvature_every", FieldKind.Integer, "Sharpness, λ_min and rotation of v₁ every k steps (0: never).", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField CurvatureMeasures = new("curvature_measures", FieldKind.TextSet,
        "What each curvature measurement computes: lambda1 (λ₁, v₁ and its rotation; always), lambda2, lambda_min, subspace (top-2 rotations; needs lambda2), "
        + "preconditioned_lambda1 (λ₁ of P^{-1/2} H P^{-1/2}, P the adaptive optimizer's √v̂ + ε, and quantiles of √v̂).",
        FieldValue.Words(["lambda1"]), RunChoices.CurvatureMeasureNames.Names, Check: MeasureSet, Models: TrainerModels);
    public static readonly RunField EvaluateEvery = new("evaluate_every", FieldKind.Integer, "Test accuracy and ‖θ − θ₀‖ every k steps (0: the curvature interval, else 100).", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField MetricsEvery = new("metrics_every", FieldKind.Integer, "Minibatch runs: full training loss every k steps.", FieldValue.Integer(1), Check: IntRange(1), Models: TrainerModels);
    public static readonly RunField CheckpointEvery = new("checkpoint_every", FieldKind.Integer, "Checkpoint every N steps (always at the end); a killed run resumes from the last.", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField HessianSize = new("hessian_size", FieldKind.Integer, "Training examples the Hessian is measured on (0: all).", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField HessianMode = new("hessian_mode", FieldKind.Text, "Batch norm in the Hessian: eval (running statistics, the authors' convention) or train (batch statistics).",
        FieldValue.Text("eval"), RunChoices.HessianModes.Names, Models: TrainerModels);
    public static readonly RunField TraceProbes = new("trace_probes", FieldKind.Integer, "Hutchinson probes for tr(H) at each curvature measurement (0: none).", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField DistanceToFinalEvery = new("distance_to_final_every", FieldKind.Integer, "Record ‖θ_t − θ*‖₂ to the final iterate every k steps (0: never).", FieldValue.Integer(0), Check: IntRange(0), Models: TrainerModels);
    public static readonly RunField Device = new("device", FieldKind.Text, "Where the model and data live: cpu, cuda (needs the CUDA build, see docs/gpu.md) or auto (cuda when available).",
        FieldValue.Text("cpu"), RunChoices.Devices.Names, Models: TrainerModels);
    public static readonly RunField StopAtTrainAccuracy = new("stop_at_train_accuracy", FieldKind.Number, "Stop when the training accuracy reaches this twice in a row (above 1: never).",
        FieldValue.Number(0.999), Check: Positive, Models: TrainerModels);

    public static readonly IReadOnlyList<RunField> All =
    [
        Model, Optimizer, Lr, Steps, Seed, DivergenceLoss, Dtype,
        Init,
        Dataset, TrainSize, TestSize, ValidationSize, ClassBalanced, Depth, Width, Activation, Loss, BatchSize, .. Hyperparameters,
        WarmupSteps, CurvatureEvery, CurvatureMeasures, EvaluateEvery, MetricsEvery, CheckpointEvery, HessianSize,
        HessianMode, TraceProbes, DistanceToFinalEvery, Device, StopAtTrainAccuracy,
    ];

    public static readonly IReadOnlySet<string> Required = new HashSet<string> { Model.Name, Optimizer.Name, Lr.Name, Steps.Name };

    private static readonly Dictionary<string, RunField> ByName = All.ToDictionary(f => f.Name);

    public static RunField? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool IsTrainerModel(string model) => TrainerModels.Contains(model);

    /// <summary>The run field of one of Core's hyperparameters.</summary>
    public static RunField Of(Hyperparameter parameter) => ByName[parameter.Name];

    private static RunField FieldOf(Hyperparameter parameter)
    {
        bool outOfKey = !KeyedAtDefault.Contains(parameter);
        return parameter switch
        {
            NumberHyperparameter number => new(number.Name, FieldKind.Number, number.Description, FieldValue.Number(number.Default),
                Check: v => number.Range.Problem(v.AsNumber), Models: TrainerModels, OutOfKeyAtDefault: outOfKey),
            ChoiceHyperparameter choice => new(choice.Name, FieldKind.Text, choice.Description, FieldValue.Text(choice.Default), choice.Names,
                Models: TrainerModels, OutOfKeyAtDefault: outOfKey),
            _ => throw new NotSupportedException($"hyperparameter {parameter.Name}: no run field for a {parameter.GetType().Name}"),
        };
    }

    private static string? Positive(FieldValue v) =>
        !double.IsFinite(v.AsNumber) || v.AsNumber <= 0 ? "must be a positive number" : null;

    /// <summary>At least <paramref name="minimum"/>, and at most <see cref="int.MaxValue"/>: Core counts steps, sizes and widths in <c>int</c>.</summary>
    private static Func<FieldValue, string?> IntRange(long minimum) =>
        v => v.AsInteger < minimum ? (minimum == 0 ? "must not be negative" : $"must be at least {minimum}")
           : v.AsInteger > int.MaxValue ? $"must be at most {int.MaxValue}"
           : null;

    private static string? MeasureSet(FieldValue v) =>
        !v.AsWords.Contains("lambda1") ? "must include lambda1 (every measurement finds λ₁ and v₁)"
        : v.AsWords.Contains("subspace") && !v.AsWords.Contains("lambda2") ? "subspace needs lambda2 (it compares top-2 eigenspaces)"
        : null;

    private static string? FiniteAll(IReadOnlyList<double> values) =>
        values.All(double.IsFinite) ? null : "must hold finite numbers";
}
