namespace Repro.Pipeline.Specs;

/// <summary>A named family of runs: shared settings plus the sweep that fans them out. <see cref="Lines"/>: where each base field is set.</summary>
public sealed record RunGroupSpec(string Name, int Line, IReadOnlyDictionary<string, FieldValue> Base, IReadOnlyList<SweepAxis> Sweep,
                                  IReadOnlyDictionary<string, int>? Lines = null);
