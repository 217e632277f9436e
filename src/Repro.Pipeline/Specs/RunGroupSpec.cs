namespace Repro.Pipeline.Specs;

/// <summary>A named family of runs: shared settings plus the sweep that fans them out. <see cref="Lines"/>: where each base field is set.</summary>
public sealed record RunGroupSpec(string Name, int Line, IReadOnlyDictionary<string, FieldValue> Base, IReadOnlyList<SweepAxis> Sweep,
                                  IReadOnlyDictionary<string, int>? Lines = null)
{
    /// <summary>
    /// The group whose runs this one continues (<c>continue_from</c>), or null. Such a group has one run per run of its
    /// parent group: the parent's fields with this group's base (and its profile group <c>set</c>) on top, started from
    /// the parent's final parameters with a fresh optimizer, keyed by the parent's key as well as its own fields.
    /// </summary>
    public string? ContinueFrom { get; init; }
}
