namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// The peak-memory half of the cost calibration (<c>memory</c> in <c>calibration/cost-model.json</c>; absent from older
/// files): what <see cref="MemoryModel"/> turns into a run's estimated peak resident memory.
/// </summary>
/// <param name="Measured">When, where and from which runs the coefficients were fitted.</param>
/// <param name="DiagonalBytes">A diagonal-network run's peak (a closed-form 2-parameter model: the runtime alone).</param>
/// <param name="Models">Per trainer model, by name.</param>
public sealed record MemoryCalibration(string Measured, double DiagonalBytes, IReadOnlyDictionary<string, ModelMemory> Models);
