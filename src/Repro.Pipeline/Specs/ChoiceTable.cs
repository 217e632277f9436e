namespace Repro.Pipeline.Specs;

/// <summary>One value of an enumerated run field: its YAML name, what Core calls it, and how figures and tables name it.</summary>
public sealed record Choice<T>(string Name, T Value, string Display);

/// <summary>
/// The values of one enumerated run field: YAML name ↔ Core value ↔ display name, in one table, so adding an optimizer
/// or a data set is one line here (the schema's <see cref="RunField.Choices"/> come from <see cref="Names"/>).
/// </summary>
public sealed class ChoiceTable<T>(params Choice<T>[] choices) where T : notnull
{
    public IReadOnlyList<Choice<T>> All { get; } = choices;

    public IReadOnlyList<string> Names { get; } = [.. choices.Select(c => c.Name)];

    public T Parse(string name) =>
        choices.FirstOrDefault(c => c.Name == name) is { } choice
            ? choice.Value
            : throw new ArgumentException($"'{name}' is not one of {string.Join(", ", Names)}");

    public string NameOf(T value) => Find(value).Name;

    public string DisplayOf(T value) => Find(value).Display;

    /// <summary>The display name of a YAML name; an unknown name is shown as it is.</summary>
    public string DisplayOf(string name) => choices.FirstOrDefault(c => c.Name == name)?.Display ?? name;

    private Choice<T> Find(T value) =>
        choices.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Value, value))
        ?? throw new ArgumentException($"{value} has no entry in the table");
}
