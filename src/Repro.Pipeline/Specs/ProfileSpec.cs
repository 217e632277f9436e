namespace Repro.Pipeline.Specs;

/// <summary>
/// A named scale of an artifact (<c>quick</c>: minutes on 2 cores; <c>paper</c>: the paper's settings):
/// fields it sets in every group, and sweep axes it adds or replaces.
/// </summary>
public sealed record ProfileSpec(string Name, int Line, IReadOnlyDictionary<string, FieldValue> Set, IReadOnlyList<SweepAxis> Sweep);
