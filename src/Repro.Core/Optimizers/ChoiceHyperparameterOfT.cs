namespace Repro.Core.Optimizers;

/// <summary>A choice hyperparameter whose names stand for values of <typeparamref name="T"/> (Clipped-Ada's <see cref="ClipSide"/>).</summary>
public sealed record ChoiceHyperparameter<T>(string Name, string Description, IReadOnlyList<(string Name, T Value)> Choices)
    : ChoiceHyperparameter(Name, Description, [.. Choices.Select(c => c.Name)])
{
    public T ValueOf(string name) =>
        Choices.FirstOrDefault(c => c.Name == name) is { Name: not null } choice
            ? choice.Value
            : throw new ArgumentException($"{Name}: '{name}' is not one of {string.Join(", ", Names)}");
}
