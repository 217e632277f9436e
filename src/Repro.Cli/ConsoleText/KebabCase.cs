namespace Repro.Cli.ConsoleText;

/// <summary>Enum values as flags and YAML spell them: <c>clipped-ada</c> for ClippedAda.</summary>
public static class KebabCase
{
    public static string Spell<T>(T value) where T : struct, Enum => Spell(value.ToString());

    private static string Spell(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsUpper(pascal[i - 1]) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
