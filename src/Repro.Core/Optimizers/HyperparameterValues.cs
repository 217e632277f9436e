using System.Globalization;

namespace Repro.Core.Optimizers;

/// <summary>
/// The hyperparameters of one optimizer spec, read by descriptor: one never set holds its default. Immutable, and
/// equal when every hyperparameter has the same value (a value set to its default is the same as one left unset).
/// </summary>
public sealed class HyperparameterValues : IEquatable<HyperparameterValues>
{
    private readonly IReadOnlyDictionary<Hyperparameter, object> set;

    private HyperparameterValues(IReadOnlyDictionary<Hyperparameter, object> set) => this.set = set;

    /// <summary>Every hyperparameter at its default.</summary>
    public static HyperparameterValues Defaults { get; } = new(new Dictionary<Hyperparameter, object>());

    public double this[NumberHyperparameter parameter] => set.TryGetValue(parameter, out var v) ? (double)v : parameter.Default;

    /// <summary>The name of the chosen value.</summary>
    public string this[ChoiceHyperparameter parameter] => set.TryGetValue(parameter, out var v) ? (string)v : parameter.Default;

    public T ValueOf<T>(ChoiceHyperparameter<T> parameter) => parameter.ValueOf(this[parameter]);

    /// <exception cref="ArgumentOutOfRangeException">The value is outside the hyperparameter's range.</exception>
    public HyperparameterValues With(NumberHyperparameter parameter, double value) =>
        parameter.Range.Problem(value) is { } problem
            ? throw new ArgumentOutOfRangeException(nameof(value), value, $"{parameter.Name} {problem}")
            : With(parameter, value, value.Equals(parameter.Default));

    /// <exception cref="ArgumentOutOfRangeException">The name is not one of the hyperparameter's choices.</exception>
    public HyperparameterValues With(ChoiceHyperparameter parameter, string name) =>
        !parameter.Names.Contains(name)
            ? throw new ArgumentOutOfRangeException(nameof(name), name, $"{parameter.Name} must be one of {string.Join(", ", parameter.Names)}")
            : With(parameter, name, name == parameter.Default);

    private HyperparameterValues With(Hyperparameter parameter, object value, bool isDefault)
    {
        var values = new Dictionary<Hyperparameter, object>(set);
        if (isDefault) values.Remove(parameter);
        else values[parameter] = value;
        return new HyperparameterValues(values);
    }

    public bool Equals(HyperparameterValues? other) =>
        other is not null && set.Count == other.set.Count && set.All(kv => other.set.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));

    public override bool Equals(object? obj) => Equals(obj as HyperparameterValues);

    public override int GetHashCode() => set.Count;

    /// <summary>The values away from their defaults, <c>name=value</c> by name (for test failures and logs).</summary>
    public override string ToString() =>
        string.Join(", ", set.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal)
                             .Select(kv => $"{kv.Key.Name}={(kv.Value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : kv.Value)}"));
}
