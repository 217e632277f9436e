namespace Repro.Pipeline.Specs;

/// <summary>Every field a run may set: the single schema behind YAML validation, the run key and CLI flags.</summary>
public static class RunFields
{
    public const string DiagonalLinearNetwork = "diagonal-linear-2";

    public static readonly IReadOnlyList<RunField> All =
    [
        new("model", FieldKind.Text, "Model architecture.", Choices: [DiagonalLinearNetwork]),
        new("init", FieldKind.NumberList, "Initial parameters, for models that take them explicitly ([a, b] for diagonal-linear-2).",
            Check: v => v.AsNumbers.Count == 0 ? "must not be empty" : FiniteAll(v.AsNumbers)),
        new("optimizer", FieldKind.Text, "Optimizer.", Choices: ["gd"]),
        new("lr", FieldKind.Number, "Learning rate η.", Check: Positive),
        new("steps", FieldKind.Integer, "Number of optimizer steps.", Check: v => v.AsInteger < 1 ? "must be at least 1" : null),
        new("seed", FieldKind.Integer, "Random seed.", FieldValue.Integer(0), Check: v => v.AsInteger < 0 ? "must not be negative" : null),
        new("dtype", FieldKind.Text, "Floating-point precision.", FieldValue.Text("float32"), Choices: ["float32", "float64"]),
        new("divergence_loss", FieldKind.Number, "A loss above this (or non-finite) ends the run as diverged.",
            FieldValue.Number(1e8), Check: Positive),
    ];

    public static readonly IReadOnlySet<string> Required = new HashSet<string> { "model", "optimizer", "lr", "steps" };

    private static readonly Dictionary<string, RunField> ByName = All.ToDictionary(f => f.Name);

    public static RunField? Find(string name) => ByName.GetValueOrDefault(name);

    private static string? Positive(FieldValue v) =>
        !double.IsFinite(v.AsNumber) || v.AsNumber <= 0 ? "must be a positive number" : null;

    private static string? FiniteAll(IReadOnlyList<double> values) =>
        values.All(double.IsFinite) ? null : "must hold finite numbers";
}
