namespace Repro.Pipeline.Specs;

/// <summary>
/// One field a run can set in YAML (snake_case) and on the command line (kebab-case).
/// <paramref name="Check"/> returns why a value is impossible, or null when it is fine.
/// </summary>
public sealed record RunField(
    string Name,
    FieldKind Kind,
    string Help,
    FieldValue? Default = null,
    IReadOnlyList<string>? Choices = null,
    Func<FieldValue, string?>? Check = null,
    IReadOnlyList<string>? Models = null)
{
    public bool AppliesTo(string model) => Models is null || Models.Contains(model);

    public string Flag => "--" + Name.Replace('_', '-');

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
