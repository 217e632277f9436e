using Repro.Core.Data;

namespace Repro.Pipeline.Specs;

/// <summary>
/// Every field a run may set: the single schema behind YAML validation, defaults, the run key and the flags of
/// <c>repro train</c>. A field with <see cref="RunField.Models"/> applies to those models only.
/// </summary>
public static class RunFields
{
    public const string DiagonalLinearNetwork = "diagonal-linear-2";
    public static readonly string[] TrainerModels = ["mlp", "cnn", "vgg", "resnet"];
    private static readonly string[] Diagonal = [DiagonalLinearNetwork];

    public static readonly IReadOnlyList<RunField> All =
    [
        new("model", FieldKind.Text, "Model: mlp, cnn (small CNN), vgg (VGG-style), resnet (ResNet-20-style) or diagonal-linear-2.",
            Choices: [.. TrainerModels, DiagonalLinearNetwork]),
        new("optimizer", FieldKind.Text, "Optimizer.", Choices: ["gd", "sgd", "rms-prop", "adam", "clipped-ada"]),
        new("lr", FieldKind.Number, "Learning rate η.", Check: Positive),
        new("steps", FieldKind.Integer, "Step budget.", Check: AtLeast(1)),
        new("seed", FieldKind.Integer, "Random seed (initialisation, minibatch order, class-balanced subset).", FieldValue.Integer(0), Check: AtLeast(0)),
        new("divergence_loss", FieldKind.Number, "A training loss above this (or non-finite) ends the run as diverged.",
            FieldValue.Number(1e8), Check: Positive),
        new("dtype", FieldKind.Text, "Floating-point precision (the trainer runs in float32; diagonal-linear-2 in float64).",
            FieldValue.Text("float32"), Choices: ["float32", "float64"]),

        new("init", FieldKind.NumberList, "Initial parameters [a, b].", Models: Diagonal,
            Check: v => v.AsNumbers.Count == 0 ? "must not be empty" : FiniteAll(v.AsNumbers)),

        new("dataset", FieldKind.Text, "Data set.", FieldValue.Text(DatasetCatalog.FashionMnistName), [DatasetCatalog.FashionMnistName, DatasetCatalog.Cifar10Name], Models: TrainerModels),
        new("train_size", FieldKind.Integer, "Training subset size.", FieldValue.Integer(1000), Check: AtLeast(1), Models: TrainerModels),
        new("test_size", FieldKind.Integer, "Test subset size (the first images of the test split).", FieldValue.Integer(200), Check: AtLeast(1), Models: TrainerModels),
        new("class_balanced", FieldKind.Boolean, "Draw the training subset balanced over classes with the seed, instead of the first images.",
            FieldValue.Boolean(false), Models: TrainerModels),
        new("depth", FieldKind.Integer, "MLP hidden layers.", FieldValue.Integer(3), Check: AtLeast(1), Models: TrainerModels),
        new("width", FieldKind.Integer, "MLP width, CNN channels, base width of the VGG- and ResNet-style nets.", FieldValue.Integer(32), Check: AtLeast(1), Models: TrainerModels),
        new("activation", FieldKind.Text, "Activation.", FieldValue.Text("relu"), ["relu", "tanh"], Models: TrainerModels),
        new("loss", FieldKind.Text, "mse (½‖f(x) − y‖² with one-hot y, averaged over examples) or cross-entropy.",
            FieldValue.Text("mse"), ["mse", "cross-entropy"], Models: TrainerModels),
        new("batch_size", FieldKind.Integer, "Minibatch size; 0 means full batch.", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("momentum", FieldKind.Number, "Heavy-ball momentum μ (sgd).", FieldValue.Number(0), Check: UnitInterval, Models: TrainerModels),
        new("beta1", FieldKind.Number, "First-moment decay β₁ (adam, clipped-ada).", FieldValue.Number(0.9), Check: UnitInterval, Models: TrainerModels),
        new("beta2", FieldKind.Number, "Second-moment decay β₂ (adam, clipped-ada).", FieldValue.Number(0.999), Check: UnitInterval, Models: TrainerModels),
        new("alpha", FieldKind.Number, "RMSprop's averaging constant.", FieldValue.Number(0.99), Check: UnitInterval, Models: TrainerModels),
        new("epsilon", FieldKind.Number, "ε in the adaptive denominators.", FieldValue.Number(1e-8), Check: Positive, Models: TrainerModels),
        new("clip_bound", FieldKind.Number, "Clipped-Ada's bound c on √v̂.", FieldValue.Number(1), Check: Positive, Models: TrainerModels),
        new("clip_side", FieldKind.Text, "upper: min(√v̂, c); lower: max(√v̂, c).", FieldValue.Text("upper"), ["upper", "lower"], Models: TrainerModels),
        new("warmup_steps", FieldKind.Integer, "Linear learning-rate warm-up steps.", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("curvature_every", FieldKind.Integer, "Sharpness, λ_min and rotation of v₁ every k steps (0: never).", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("evaluate_every", FieldKind.Integer, "Test accuracy and ‖θ − θ₀‖ every k steps (0: the curvature interval, else 100).", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("metrics_every", FieldKind.Integer, "Minibatch runs: full training loss every k steps.", FieldValue.Integer(1), Check: AtLeast(1), Models: TrainerModels),
        new("checkpoint_every", FieldKind.Integer, "Checkpoint every N steps (always at the end); a killed run resumes from the last.", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("hessian_size", FieldKind.Integer, "Training examples the Hessian is measured on (0: all).", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("hessian_mode", FieldKind.Text, "Batch norm in the Hessian: eval (running statistics, the authors' convention) or train (batch statistics).",
            FieldValue.Text("eval"), ["eval", "train"], Models: TrainerModels),
        new("trace_probes", FieldKind.Integer, "Hutchinson probes for tr(H) at each curvature measurement (0: none).", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("distance_to_final_every", FieldKind.Integer, "Record ‖θ_t − θ*‖₂ to the final iterate every k steps (0: never).", FieldValue.Integer(0), Check: AtLeast(0), Models: TrainerModels),
        new("stop_at_train_accuracy", FieldKind.Number, "Stop when the training accuracy reaches this twice in a row (above 1: never).",
            FieldValue.Number(0.999), Check: Positive, Models: TrainerModels),
    ];

    public static readonly IReadOnlySet<string> Required = new HashSet<string> { "model", "optimizer", "lr", "steps" };

    private static readonly Dictionary<string, RunField> ByName = All.ToDictionary(f => f.Name);

    public static RunField? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool IsTrainerModel(string model) => TrainerModels.Contains(model);

    private static string? Positive(FieldValue v) =>
        !double.IsFinite(v.AsNumber) || v.AsNumber <= 0 ? "must be a positive number" : null;

    private static string? UnitInterval(FieldValue v) =>
        v.AsNumber is >= 0 and < 1 ? null : "must be in [0, 1)";

    private static Func<FieldValue, string?> AtLeast(long minimum) =>
        v => v.AsInteger >= minimum ? null : minimum == 0 ? "must not be negative" : $"must be at least {minimum}";

    private static string? FiniteAll(IReadOnlyList<double> values) =>
        values.All(double.IsFinite) ? null : "must hold finite numbers";
}
