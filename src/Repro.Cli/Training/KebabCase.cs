namespace Repro.Cli.Training;

/// <summary>Enum values as flags spell them: <c>clipped-ada</c> for ClippedAda, plus the usual short names.</summary>
public static class KebabCase
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mse"] = "MeanSquaredError",
        ["ce"] = "CrossEntropy",
        ["resnet20"] = "ResNet",
    };

    public static T Parse<T>(string value, string option) where T : struct, Enum
    {
        var name = Aliases.GetValueOrDefault(value, value).Replace("-", "", StringComparison.Ordinal);
        if (Enum.TryParse<T>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        throw new ArgumentException($"{option}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(Spell))}");
    }

    public static string Spell<T>(T value) where T : struct, Enum => Spell(value.ToString());

    private static string Spell(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsUpper(pascal[i - 1]) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
