namespace Repro.Pipeline.Specs;

/// <summary>
/// A named scale of an artifact (<c>quick</c>: minutes on 2 cores; <c>paper</c>: the paper's settings):
/// fields it sets in every group, sweep axes it adds or replaces, and changes to single groups.
/// <see cref="Lines"/>: where each set field is.
/// </summary>
public sealed record ProfileSpec(string Name, int Line, IReadOnlyDictionary<string, FieldValue> Set, IReadOnlyList<SweepAxis> Sweep,
                                 IReadOnlyDictionary<string, ProfileGroupSpec> Groups, IReadOnlyDictionary<string, int>? Lines = null);
