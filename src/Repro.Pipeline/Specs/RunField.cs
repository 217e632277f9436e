namespace Repro.Pipeline.Specs;

/// <summary>
/// One field a run can set in YAML (snake_case) and on the command line (kebab-case).
/// <paramref name="Check"/> returns why a value is impossible, or null when it is fine.
/// <paramref name="OutOfKeyAtDefault"/>: the run key leaves the field out while it holds its <paramref name="Default"/>, so
/// adding the field changes no existing key (nor, for a hyperparameter, any <c>spec.json</c>). Every field added from
/// now on sets it; the fields that were hashed at every value before it existed keep being hashed so (see
/// <see cref="RunFields"/>, docs/adding-an-optimizer.md).
/// </summary>
public sealed record RunField(
    string Name,
    FieldKind Kind,
    string Help,
    FieldValue? Default = null,
    IReadOnlyList<string>? Choices = null,
    Func<FieldValue, string?>? Check = null,
    IReadOnlyList<string>? Models = null,
    bool OutOfKeyAtDefault = false)
{
    public bool AppliesTo(string model) => Models is null || Models.Contains(model);

    public string Flag => "--" + Name.Replace('_', '-');

    /// <summary>Whether a run holding <paramref name="value"/> in this field hashes it into its key.</summary>
    public bool EntersKey(FieldValue value) => !(OutOfKeyAtDefault && value.Equals(Default));

    public string? Problem(FieldValue value)
    {
        if (Choices is not null && value.Kind == FieldKind.TextSet)
        {
            if (value.AsWords.FirstOrDefault(w => !Choices.Contains(w)) is { } unknown)
                return $"'{unknown}' is not one of {string.Join(", ", Choices)}";
        }
        else if (Choices is not null && !Choices.Contains(value.AsText))
            return $"'{value.AsText}' is not one of {string.Join(", ", Choices)}";
        return Check?.Invoke(value);
    }
}
