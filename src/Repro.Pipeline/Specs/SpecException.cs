using System.Text;

namespace Repro.Pipeline.Specs;

/// <summary>
/// A bad input file (an experiment file, the cost calibration): the message is one line naming the file, the line and the reason. Control characters in the
/// file name or the reason (a key or value holding a newline) are escaped, so the message stays one line.
/// </summary>
public sealed class SpecException(string file, int line, string reason)
    : Exception($"{OneLine(file)}:{line}: {OneLine(reason)}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;

    /// <summary>Escapes every control character (<c>\n</c> as the two characters <c>\</c> and <c>n</c>).</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
