using System.Text;

namespace Repro.Pipeline.Reports;

/// <summary>
/// The one place text from outside (names, descriptions, messages) is made safe for the committed Markdown
/// (results/README.md, CLAIMS.md, the tables): control characters and the bidirectional controls that can reorder
/// what a reader sees (U+061C, U+200E/F, U+202A–E, U+2066–9) are written as visible <c>U+XXXX</c>.
/// </summary>
public static class MarkdownText
{
    /// <summary>For prose (a description): line breaks kept, every other control or bidi character made visible.</summary>
    public static string Block(string text) => Escape(text, keepNewlines: true);

    /// <summary>For a table cell or a heading: also line breaks made visible and <c>|</c> escaped so the cell stays one cell.</summary>
    public static string Inline(string text) => Escape(text, keepNewlines: false).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Escape(string text, bool keepNewlines)
    {
        if (!text.Any(c => IsHidden(c, keepNewlines))) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            if (IsHidden(c, keepNewlines)) escaped.Append($"U+{(int)c:X4}");
            else escaped.Append(c);
        return escaped.ToString();
    }

    private static bool IsHidden(char c, bool keepNewlines) =>
        c == '\n' ? !keepNewlines
        : char.IsControl(c) || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
