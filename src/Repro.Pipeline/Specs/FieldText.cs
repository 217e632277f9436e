using System.Globalization;

namespace Repro.Pipeline.Specs;

/// <summary>Reads a field's value from command-line text, by the same rules as the YAML reader.</summary>
public static class FieldText
{
    public static FieldValue Parse(RunField field, string text)
    {
        var value = field.Kind switch
        {
            FieldKind.Text => FieldValue.Text(text),
            FieldKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long i)
                ? FieldValue.Integer(i) : throw Bad(field, $"expected a whole number, got '{text}'"),
            FieldKind.Number => FieldValue.Number(Number(field, text)),
            FieldKind.Boolean => text is "true" or "false" ? FieldValue.Boolean(text == "true") : throw Bad(field, $"expected true or false, got '{text}'"),
            FieldKind.TextSet => FieldValue.Words(text.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            FieldKind.NumberList => FieldValue.Numbers(text.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries).Select(t => Number(field, t)).ToList()),
            _ => throw new InvalidOperationException(field.Kind.ToString()),
        };
        return field.Problem(value) is { } problem ? throw Bad(field, problem) : value;
    }

    private static double Number(RunField field, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Bad(field, $"expected a number, got '{text}'");

    private static ArgumentException Bad(RunField field, string reason) => new($"{field.Flag}: {reason}");
}
