namespace Repro.Pipeline.Specs;

/// <summary>One swept field and its values (declared at <see cref="Line"/>); a group's runs are the product of its axes.</summary>
public sealed record SweepAxis(string Field, IReadOnlyList<FieldValue> Values, int Line = 0);
