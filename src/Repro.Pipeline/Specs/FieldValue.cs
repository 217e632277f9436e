using System.Globalization;

namespace Repro.Pipeline.Specs;

/// <summary>
/// One value of a run field. Equality is by canonical text, which is what enters the run key:
/// invariant culture and round-trip doubles, so <c>0.1</c> and <c>1e-1</c> are the same value.
/// </summary>
public sealed class FieldValue : IEquatable<FieldValue>
{
    private readonly object value;

    private FieldValue(FieldKind kind, object value, string canonical)
    {
        Kind = kind;
        this.value = value;
        Canonical = canonical;
    }

    public FieldKind Kind { get; }
    public string Canonical { get; }

    public static FieldValue Text(string value) => new(FieldKind.Text, value, value);
    public static FieldValue Integer(long value) => new(FieldKind.Integer, value, value.ToString(CultureInfo.InvariantCulture));
    public static FieldValue Number(double value) => new(FieldKind.Number, value, Format(value));
    public static FieldValue Boolean(bool value) => new(FieldKind.Boolean, value, value ? "true" : "false");
    public static FieldValue Numbers(IReadOnlyList<double> values) =>
        new(FieldKind.NumberList, values.ToArray(), "[" + string.Join(",", values.Select(Format)) + "]");

    /// <summary>A set of words: canonical sorted and without repeats, so the order a file lists them in keys nothing.</summary>
    public static FieldValue Words(IEnumerable<string> values)
    {
        var set = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new(FieldKind.TextSet, set, "[" + string.Join(",", set) + "]");
    }

    public string AsText => (string)value;
    public IReadOnlyList<string> AsWords => (string[])value;
    public long AsInteger => (long)value;
    public double AsNumber => (double)value;
    public IReadOnlyList<double> AsNumbers => (double[])value;
    public bool AsBoolean => (bool)value;

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public bool Equals(FieldValue? other) => other is not null && Kind == other.Kind && Canonical == other.Canonical;
    public override bool Equals(object? obj) => Equals(obj as FieldValue);
    public override int GetHashCode() => HashCode.Combine(Kind, Canonical);
    public override string ToString() => Canonical;
}
