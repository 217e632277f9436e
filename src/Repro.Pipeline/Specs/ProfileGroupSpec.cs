namespace Repro.Pipeline.Specs;

/// <summary>
/// What a profile changes in one run group only (<c>profiles.&lt;name&gt;.groups.&lt;group&gt;</c>), applied after the
/// profile's own <c>set</c> and <c>sweep</c>: for artifacts whose groups need different scales, such as a
/// Fashion-MNIST MLP and a CIFAR-10 network whose quick subsets differ. <see cref="Lines"/>: where each set field is.
/// </summary>
public sealed record ProfileGroupSpec(string Group, IReadOnlyDictionary<string, FieldValue> Set, IReadOnlyList<SweepAxis> Sweep,
                                      IReadOnlyDictionary<string, int>? Lines = null);
