using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// What one trainer model costs on the calibrating machine, in CPU seconds (all threads), at the setup it was measured on (data set, depth, width):
/// a fixed cost per step (launching the ops, the optimizer update) plus a cost per example of forward and backward,
/// and the cost per example of a forward pass alone (evaluation).
/// </summary>
/// <param name="RunOverheadSeconds">This model's cost per run before its first step, where it differs from the
/// calibration's (a CIFAR-10 net loads its data set and creates its convolution kernels); null: the calibration's.</param>
/// <param name="CurvatureGradientEquivalents">This model's cost of one curvature measurement in gradients, where it differs
/// from the calibration's; null: the calibration's.</param>
/// <param name="CurvatureSecondsPerProduct">What each Hessian-vector product of a measurement costs whatever the Hessian
/// set's size (Lanczos's vector work over every parameter, the product's graph); null: nothing. With it a measurement
/// costs a + b·n in the Hessian set's size n, which one figure in gradients (b alone) cannot fit at both 64 and 512 images.</param>
public sealed record ModelCost(string Dataset, int Depth, int Width, double StepOverheadSeconds, double StepSecondsPerExample,
                               double ForwardSecondsPerExample, double? RunOverheadSeconds = null, double? CurvatureGradientEquivalents = null,
                               double? CurvatureSecondsPerProduct = null);

/// <summary>A GPU whose speed relative to the calibrating machine was measured (none yet: no GPU was available).</summary>
public sealed record ReferenceGpu(string Name, double SpeedupOverCalibration);

/// <summary>
/// The committed calibration file (<c>calibration/cost-model.json</c>), written by <c>repro bench calibrate</c>:
/// the measured costs (CPU seconds) <see cref="CostModel"/> turns into estimated seconds per run.
/// </summary>
/// <param name="CurvatureGradientEquivalents">One full curvature measurement (λ₁, λ_min, v₁ rotation), in gradients over the Hessian set.</param>
/// <param name="HvpGradientEquivalents">One Hessian-vector product (a Hutchinson probe), in gradients.</param>
/// <param name="RunOverheadSeconds">Per run, before its first step: reading the data, building the model (the coldest seen: a fresh process decodes the data set).</param>
/// <param name="DiagonalStepSeconds">One step of the 2-parameter diagonal network (closed form: next to nothing).</param>
/// <param name="OptimizerStepSeconds">What each optimizer's update adds to a step over plain GD's (which the models'
/// step costs include), by optimizer name, measured on the MLP; absent in older files (then nothing is added).</param>
/// <param name="MinibatchStepSeconds">What a minibatch step adds over a full-batch step of the same size (drawing the
/// batch); absent: nothing.</param>
/// <param name="DiagonalRunOverheadSeconds">Per diagonal-network run, before its first step; absent: nothing.</param>
/// <param name="StoreFit">Which figures were fitted to a store's CPU-timed runs rather than measured by
/// <c>repro bench calibrate</c>, and on what (<c>repro status --costs</c> checks them).</param>
/// <param name="Memory">Peak-memory coefficients, fitted from measured runs (<see cref="MemoryModel"/>); absent in older
/// files (then every run gets <see cref="MemoryModel.UncalibratedBytes"/>).</param>
public sealed record CostCalibration(
    int SchemaVersion,
    string MeasuredUtc,
    string Machine,
    int Threads,
    string TorchSharpVersion,
    int EngineVersion,
    double RunOverheadSeconds,
    IReadOnlyDictionary<string, ModelCost> Models,
    double CurvatureGradientEquivalents,
    double HvpGradientEquivalents,
    double DiagonalStepSeconds,
    ReferenceGpu? ReferenceGpu,
    IReadOnlyDictionary<string, double>? OptimizerStepSeconds = null,
    double? MinibatchStepSeconds = null,
    double? DiagonalRunOverheadSeconds = null,
    string? StoreFit = null,
    MemoryCalibration? Memory = null)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>Where the calibration lives in a project.</summary>
    public static string PathIn(string projectRoot) => Path.Combine(projectRoot, "calibration", "cost-model.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The calibration at <paramref name="path"/>, or null when there is none. A broken file is bad input, a
    /// <see cref="SpecException"/> naming file, line and reason (exit 2): unparsable, another schema, a number that is
    /// not a finite non-negative cost (a negative one made negative estimates, 1e400 infinite ones), or a model entry
    /// that is null. (A model missing altogether is named when a run needs it: a project may train none.)
    /// </summary>
    public static CostCalibration? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        byte[] bytes = File.ReadAllBytes(path);
        CostCalibration? calibration;
        try
        {
            CheckNumbers(path, bytes);
            calibration = JsonSerializer.Deserialize<CostCalibration>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new SpecException(path, (int)(e.LineNumber ?? 0) + 1, $"not a cost calibration: {e.Message.Split(" Path: ")[0]}");
        }
        if (calibration is null || calibration.Models is null)
            throw new SpecException(path, 1, "not a cost calibration (no models)");
        if (calibration.SchemaVersion != CurrentSchemaVersion)
            throw new SpecException(path, 1, $"schema_version {calibration.SchemaVersion}, expected {CurrentSchemaVersion}; run `repro bench calibrate`");
        if (calibration.Models.FirstOrDefault(m => m.Value is null) is { Key: { } empty })
            throw new SpecException(path, LineOf(bytes, Encoding.UTF8.GetBytes($"\"{empty}\"")), $"model '{empty}' has no costs");
        if (calibration.Memory is { } memory && (memory.Models is null || memory.Models.Any(m => m.Value is null || m.Value.Width < 1 || m.Value.Dataset is null)))
            throw new SpecException(path, LineOf(bytes, "\"memory\""u8.ToArray()), "memory: every model needs dataset, width (at least 1) and bytes");
        return calibration;
    }

    // Every number in the file is a cost, a count or a ratio: finite and not negative.
    private static void CheckNumbers(string path, byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        string property = "(top level)";
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName) property = reader.GetString()!;
            else if (reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out double value) && double.IsFinite(value) && value >= 0))
                throw new SpecException(path, LineOf(bytes, reader.TokenStartIndex),
                    $"{property} is {Encoding.UTF8.GetString(reader.ValueSpan)}: every number here is a finite, non-negative cost, count or ratio");
        }
    }

    private static int LineOf(byte[] bytes, long index) => 1 + bytes.AsSpan(0, (int)Math.Max(0, index)).Count((byte)'\n');

    private static int LineOf(byte[] bytes, byte[] text) => LineOf(bytes, bytes.AsSpan().IndexOf(text));
}
