namespace Repro.Core.Optimizers;

/// <summary>A hyperparameter that is one of a few named values; the first is the default.</summary>
public abstract record ChoiceHyperparameter(string Name, string Description, IReadOnlyList<string> Names)
    : Hyperparameter(Name, Description)
{
    public string Default => Names[0];
}
