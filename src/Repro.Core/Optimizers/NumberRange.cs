using System.Globalization;

namespace Repro.Core.Optimizers;

/// <summary>The values a number hyperparameter may take: an interval, each end open or closed (an infinite end is open).</summary>
public sealed record NumberRange(double Minimum, bool IncludesMinimum, double Maximum, bool IncludesMaximum)
{
    /// <summary>(0, ∞): finite and above zero.</summary>
    public static NumberRange Positive { get; } = new(0, false, double.PositiveInfinity, false);

    /// <summary>[0, 1): a decay or momentum constant.</summary>
    public static NumberRange UnitInterval { get; } = new(0, true, 1, false);

    public bool Contains(double value) =>
        (IncludesMinimum ? value >= Minimum : value > Minimum) && (IncludesMaximum ? value <= Maximum : value < Maximum);

    /// <summary>Why <paramref name="value"/> is outside the range (NaN always is), or null when it is inside.</summary>
    public string? Problem(double value) => Contains(value) ? null : Requirement;

    private string Requirement =>
        this == Positive ? "must be a positive number"
        : $"must be in {(IncludesMinimum ? "[" : "(")}{Format(Minimum)}, {Format(Maximum)}{(IncludesMaximum ? "]" : ")")}";

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "-∞" : value.ToString("R", CultureInfo.InvariantCulture);
}
